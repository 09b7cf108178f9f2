// Reads shared by the value pages (a member's balances, cards and history; rules, products,
// gifts, card types), with their cache keys. Everything about one member sits under
// valueKeys.member(id), so a money call refreshes all of it with one invalidation.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type Schemas, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import { useSession } from '../../app/session.tsx';

export type Balances = Schemas['Balances'];
export type HistoryItem =
  paths['/api/v1/members/{id}/ledger']['get']['responses'][200]['content']['application/json']['items'][number];
export type MemberCard = Schemas['Card'];
export type CardType = Schemas['CardType'];
export type RechargeRule = Schemas['RechargeRule'];
export type PackageProduct = Schemas['PackageProduct'];
export type Gift = Schemas['Gift'];
export type PointsRule = Schemas['PointsRule'];
export type PointsSettings = Schemas['PointsSettings'];
export type BatchJob = Schemas['BatchJob'];
export type Member = Schemas['Member'];
export type Tender = Schemas['Recharge']['tender'];

export const tenders: readonly Tender[] = ['cash', 'bank_card', 'wechat', 'alipay', 'other'];

export const valueKeys = {
  member: (memberId: string) => ['value', 'member', memberId] as const,
  rechargeRules: ['value', 'recharge-rules'] as const,
  packageProducts: ['value', 'package-products'] as const,
  gifts: ['value', 'gifts'] as const,
  pointsRules: ['value', 'points-rules'] as const,
  pointsSettings: ['value', 'points-settings'] as const,
  cardTypes: ['value', 'card-types'] as const,
  categories: ['value', 'categories'] as const,
};

export function useMemberProfile(memberId: string) {
  return useQuery({
    queryKey: [...valueKeys.member(memberId), 'profile'],
    queryFn: () => unwrap(api.GET('/api/v1/members/{id}', { params: { path: { id: memberId } } })),
  });
}

export function useBalances(memberId: string) {
  return useQuery({
    queryKey: [...valueKeys.member(memberId), 'balances'],
    queryFn: () => unwrap(api.GET('/api/v1/members/{id}/balances', { params: { path: { id: memberId } } })),
  });
}

export function useMemberCards(memberId: string, enabled = true) {
  return useQuery({
    queryKey: [...valueKeys.member(memberId), 'cards'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/members/{id}/cards', { params: { path: { id: memberId } } }))).items,
    enabled,
  });
}

export function useCardTypes(enabled = true) {
  return useQuery({
    queryKey: valueKeys.cardTypes,
    queryFn: async () => (await unwrap(api.GET('/api/v1/card-types'))).items,
    enabled,
  });
}

export function useRechargeRules() {
  return useQuery({
    queryKey: valueKeys.rechargeRules,
    queryFn: async () => (await unwrap(api.GET('/api/v1/recharge-rules'))).items,
  });
}

export function usePackageProducts(activeOnly = false, enabled = true) {
  return useQuery({
    queryKey: [...valueKeys.packageProducts, activeOnly],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/package-products', {
            params: { query: activeOnly ? { active: 'true' } : {} },
          }),
        )
      ).items,
    enabled,
  });
}

export function useCategories(enabled = true) {
  return useQuery({
    queryKey: valueKeys.categories,
    queryFn: async () => (await unwrap(api.GET('/api/v1/catalog/categories'))).items,
    enabled,
  });
}

/** Store names the operator can see, for showing the ids rules and stock lines carry. */
export function useStoreNames(): {
  options: { value: string; label: string }[];
  nameOf: (id: string) => string;
} {
  const { operator } = useSession();
  return useMemo(() => {
    const names = new Map(operator.stores.map((s) => [s.id, s.name]));
    return {
      options: operator.stores.map((s) => ({ value: s.id, label: s.name })),
      nameOf: (id: string) => names.get(id) ?? id,
    };
  }, [operator.stores]);
}
