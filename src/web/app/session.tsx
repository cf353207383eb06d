import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { SessionInfo } from '#shared/auth/schemas.ts';
import { UNIT_COOKIE } from '#shared/choices.ts';
import { type Action, type Actor, can, canAnywhere, type Role } from '#shared/permissions.ts';
import { ApiError, get, setCsrf } from './api.ts';
import { choiceOf, tellServer } from './cookies.ts';

export type Session = z.infer<typeof SessionInfo>;

/** Who is signed in (null: nobody); also fetched at start-up, beside the first page's code. */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async () => {
    try {
      const s = await get<Session>('/auth/session');
      setCsrf(s.csrfToken);
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 60_000,
  retry: false,
});

/** The signed-in session, or null; undefined while loading. */
export function useSessionQuery() {
  return useQuery(sessionQuery);
}

export function useRefreshSession() {
  const qc = useQueryClient();
  return (s?: Session | null) => {
    if (s !== undefined) {
      if (s) setCsrf(s.csrfToken);
      qc.setQueryData(['session'], s);
    }
    return qc.invalidateQueries({ queryKey: ['session'] });
  };
}

interface SessionContextValue {
  session: Session;
  actor: Actor;
  /** The unit the user is working for (their grants' units); pages use it as the default scope. */
  currentUnitId: string;
  setCurrentUnitId(id: string): void;
  can(action: Action, unitPath: string): boolean;
  canAnywhere(action: Action): boolean;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  // A cookie, so that the server draws the page for the same unit (`draw.tsx`).
  const [chosen, setChosen] = useState(() => choiceOf(UNIT_COOKIE) ?? null);
  const value = useMemo<SessionContextValue>(() => {
    const actor: Actor = {
      kind: 'user',
      userId: session.user.id,
      grants: session.grants.map((g) => ({
        role: g.role as Role,
        unitId: g.unitId,
        unitPath: g.unitPath,
        subtree: g.subtree,
        awaitingKeys: g.awaitingKeys,
        keysLocked: g.keysLocked,
      })),
    };
    const unitIds = [...new Set(session.grants.map((g) => g.unitId))];
    const currentUnitId = chosen && unitIds.includes(chosen) ? chosen : (unitIds[0] ?? session.user.unitId);
    return {
      session,
      actor,
      currentUnitId,
      setCurrentUnitId(id: string) {
        tellServer(UNIT_COOKIE, id);
        setChosen(id);
      },
      can: (action, unitPath) => can(actor, action, { unitPath }),
      canAnywhere: (action) => canAnywhere(actor, action),
    };
  }, [session, chosen]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
