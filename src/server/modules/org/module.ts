import type { Module } from '#server/platform/module.ts';
import { orgRoutes } from './routes.ts';

export const orgModule: Module = { name: 'org', routes: orgRoutes };
