import { type Feature, lazyPage } from '#web/app/feature.ts';

const PlansPage = lazyPage(() => import('./PlansPage.tsx'));
const PlanDetailPage = lazyPage(() => import('./PlanDetailPage.tsx'));

export const plansFeature: Feature = {
  name: 'plans',
  routes: [
    { path: 'plans', page: PlansPage },
    { path: 'plans/:id', page: PlanDetailPage },
  ],
  nav: [{ path: '/plans', label: 'ui.nav.plans', group: 'ui.group.leadership', needs: 'plans.read' }],
};
