// Reads shared by the member pages (members, cards, card types, custom fields, tags), with
// their cache keys.
import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client.ts';

export type Member = Schemas['Member'];
export type MemberField = Schemas['MemberField'];
export type FollowUp = Schemas['FollowUp'];
export type Card = Schemas['Card'];
export type CardType = Schemas['CardType'];
export type CardStatus = Card['status'];
export type ImportJob = Schemas['MemberImportJob'];
export type ImportPreview = Schemas['MemberImportPreview'];

export const memberKeys = {
  all: ['members'] as const,
  list: ['members', 'list'] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  cards: (id: string) => ['members', 'cards', id] as const,
  followUps: (id: string) => ['members', 'follow-ups', id] as const,
  due: ['members', 'follow-ups-due'] as const,
  tags: ['members', 'tags'] as const,
  fields: ['members', 'fields'] as const,
  cardTypes: ['cards', 'types'] as const,
  importJob: (id: string) => ['members', 'import', id] as const,
};

export function useMember(id: string, reveal: boolean) {
  return useQuery({
    // The unmasked read is audited server-side, so it is its own cache entry and never the default.
    queryKey: [...memberKeys.detail(id), reveal ? 'revealed' : 'masked'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/members/{id}', {
          params: { path: { id }, query: reveal ? { reveal: 'true' } : {} },
        }),
      ),
    // Revealing or hiding keeps the same member on screen while the other reading loads.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
  });
}

export function useMemberFields(enabled = true) {
  return useQuery({
    queryKey: memberKeys.fields,
    queryFn: async () => (await unwrap(api.GET('/api/v1/member-fields'))).items,
    enabled,
  });
}

export function useCardTypes(enabled = true) {
  return useQuery({
    queryKey: memberKeys.cardTypes,
    queryFn: async () => (await unwrap(api.GET('/api/v1/card-types'))).items,
    enabled,
  });
}

export function useMemberTags() {
  return useQuery({
    queryKey: memberKeys.tags,
    queryFn: async () => (await unwrap(api.GET('/api/v1/members/tags'))).items,
  });
}
