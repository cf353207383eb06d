import type { Module } from '#server/platform/module.ts';
import { clockRoutes } from './routes.ts';
import { ensureClockReferenceData } from './service.ts';

export const clocksModule: Module = {
  name: 'clocks',
  routes: clockRoutes,
  referenceData: ensureClockReferenceData,
};
