import type { Module } from '#server/platform/module.ts';
import { authRoutes } from './routes.ts';
import { purgeExpired } from './service.ts';

export const authModule: Module = {
  name: 'auth',
  routes: authRoutes,
  housekeeping: (ctx) => purgeExpired(ctx.db, ctx.clock.now(), ctx.config.sessionIdleMinutes),
};
