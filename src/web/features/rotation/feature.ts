import { type Feature, lazyPage } from '#web/app/feature.ts';

const RotationPage = lazyPage(() => import('./RotationPage.tsx'));
const RotationPlanPage = lazyPage(() => import('./RotationPlanPage.tsx'));

/** Job rotation: the unit's handlers keep it; the inspectorate reads it. */
export const rotationFeature: Feature = {
  name: 'rotation',
  routes: [
    { path: 'rotation', page: RotationPage },
    { path: 'rotation/plans/:id', page: RotationPlanPage },
  ],
  nav: [
    {
      path: '/rotation',
      label: 'ui.nav.rotation',
      group: 'ui.group.prevention',
      needs: ['integrity.handle', 'integrity.oversee'],
    },
  ],
};
