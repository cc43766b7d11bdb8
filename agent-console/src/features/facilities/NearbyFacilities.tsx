import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/Badge.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { formatDistance } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import { Section } from '../../ui/Section.js';
import { useLabels } from '../../ui/useLabels.js';
import { fetchNearby } from './facilities.api.js';
import { colourFor } from './facility-types.js';
import { FacilityMap } from './FacilityMap.js';

/** The nearest facility of each type: a numbered list and the same numbers on the map. */
export function NearbyFacilities({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const { pick, language } = useLabels();
  const nearby = useQuery({ queryKey: ['facilities', 'nearby', householdId], queryFn: () => fetchNearby(householdId) });

  return (
    <Section level={3} id="facilities" title={t('facilities.title')} className="facilities">
      {nearby.isPending ? <Loading /> : null}
      {nearby.error ? <ErrorAlert error={nearby.error} /> : null}
      {nearby.data ? (
        nearby.data.facilities.length === 0 ? (
          <p className="muted">{t('facilities.none')}</p>
        ) : (
          <div className="facilities__layout">
            <ol className="facility-list" data-testid="facility-list">
              {nearby.data.facilities.map((f, i) => (
                <li key={f.id} className="facility" data-testid="facility">
                  <span className="facility__number" style={{ borderColor: colourFor(f.typeCode) }} aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="facility__main">
                    <span className="facility__type">{pick(f.typeNameEn, f.typeNameHi)}</span>
                    <span className="facility__name">{pick(f.name, f.nameLocal)}</span>
                  </span>
                  <span className="facility__distance">{formatDistance(f.distanceKm, language)}</span>
                  {f.synthetic ? (
                    <Badge tone="warning" title={t('facilities.syntheticHint')}>
                      {t('facilities.synthetic')}
                    </Badge>
                  ) : null}
                </li>
              ))}
            </ol>
            <FacilityMap origin={nearby.data.origin} facilities={nearby.data.facilities} />
          </div>
        )
      ) : null}
    </Section>
  );
}
