import { type Feature, lazyPage } from '#web/app/feature.ts';

const SelfInspectionsPage = lazyPage(() => import('./SelfInspectionsPage.tsx'));

/** Task 4: self-inspection of staff who deal with citizens, kept by units, read by the inspectorate. */
export const selfInspectionFeature: Feature = {
  name: 'selfinspection',
  routes: [{ path: 'self-inspections', page: SelfInspectionsPage }],
  nav: [
    {
      path: '/self-inspections',
      label: 'ui.nav.selfInspections',
      group: 'ui.group.prevention',
      needs: ['integrity.handle', 'integrity.oversee'],
    },
  ],
};
