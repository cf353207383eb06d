import type { Module } from '#server/platform/module.ts';
import { notificationRoutes } from './routes.ts';

export const notificationsModule: Module = { name: 'notifications', routes: notificationRoutes };
