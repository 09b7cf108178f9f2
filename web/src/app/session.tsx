// The signed-in operator and the store they work in, for every page under the shell.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api, type Schemas, setCsrfToken, setRequestStore, unwrap } from '../api/client.ts';

export type SessionOperator = Schemas['SessionOperator'];
export type StoreOption = SessionOperator['stores'][number];

export const meQueryKey = ['auth', 'me'] as const;

export async function fetchMe() {
  const me = await unwrap(api.GET('/api/v1/auth/me'));
  setCsrfToken(me.csrfToken);
  return me;
}

/** Who is signed in; errors (UNAUTHENTICATED) mean "show the login page", so no retries. */
export function useMeQuery() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * An operator whose every grant sits at one of their stores works in a store and never
 * across them, so the switcher offers no "all stores" for them.
 */
export function isStoreBound(operator: SessionOperator): boolean {
  const storeIds = new Set(operator.stores.map((s) => s.id));
  return operator.stores.length > 0 && operator.grants.every((g) => storeIds.has(g.unitId));
}

function storeKey(operatorId: string): string {
  return `huiyuan.store.${operatorId}`;
}

function resolveStore(operator: SessionOperator): string | null {
  const stored = localStorage.getItem(storeKey(operator.id));
  if (stored && operator.stores.some((s) => s.id === stored)) return stored;
  return isStoreBound(operator) ? (operator.stores[0]?.id ?? null) : null;
}

interface Session {
  operator: SessionOperator;
  storeId: string | null;
  store: StoreOption | null;
  selectStore: (storeId: string | null) => void;
  can: (permission: string) => boolean;
  canAny: (permissions: readonly string[]) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ operator, children }: { operator: SessionOperator; children: ReactNode }) {
  const queryClient = useQueryClient();
  // Resolved before the first child query runs, so even the first request carries X-Store-Id.
  const [storeId, setStoreId] = useState<string | null>(() => {
    const initial = resolveStore(operator);
    setRequestStore(initial);
    return initial;
  });

  const selectStore = useCallback(
    (next: string | null) => {
      localStorage.setItem(storeKey(operator.id), next ?? '');
      setRequestStore(next);
      setStoreId(next);
      // Data scoped to the previous store must not linger on screen.
      void queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
    },
    [operator.id, queryClient],
  );

  const session = useMemo<Session>(() => {
    const held = new Set(operator.permissions);
    return {
      operator,
      storeId,
      store: operator.stores.find((s) => s.id === storeId) ?? null,
      selectStore,
      can: (permission) => held.has(permission),
      canAny: (permissions) => permissions.some((p) => held.has(p)),
    };
  }, [operator, storeId, selectStore]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
