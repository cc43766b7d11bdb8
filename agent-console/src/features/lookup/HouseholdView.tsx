import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Loading } from '../../ui/Loading.js';
import { useLabels } from '../../ui/useLabels.js';
import { NearbyFacilities } from '../facilities/NearbyFacilities.js';
import type { TGrievance } from '../grievances/grievance.schemas.js';
import { GrievanceForm } from '../grievances/GrievanceForm.js';
import { fetchHousehold } from '../household-card/household.api.js';
import { HouseholdCard } from '../household-card/HouseholdCard.js';
import type { THouseholdCard, TViewPurpose } from '../household-card/household.schemas.js';

interface THouseholdViewProps {
  householdId: number;
  /** why the card is opened (and for which call): the server audits every view */
  purpose: TViewPurpose;
  /** the card as a phone lookup already returned it, so it is not fetched (and audited) twice */
  initialCard?: THouseholdCard | undefined;
  /** the member the lookup matched: preselected as the complainant */
  residentId?: number | undefined;
  /** a grievance registered from this card (during a call it is linked to the call) */
  onGrievanceRegistered?: (grievance: TGrievance) => void;
}

function householdQueryKey(householdId: number, purpose: TViewPurpose) {
  return ['household', householdId, purpose.reason, purpose.callId ?? null] as const;
}

/** The household card with what an agent does from it: nearby facilities and a grievance. */
export function HouseholdView({ householdId, purpose, initialCard, residentId, onGrievanceRegistered }: THouseholdViewProps) {
  const { pick } = useLabels();
  const household = useQuery({
    queryKey: householdQueryKey(householdId, purpose),
    queryFn: () => fetchHousehold(householdId, purpose),
    initialData: initialCard,
  });
  if (household.isPending) return <Loading />;
  if (household.error && !household.data) return <ErrorAlert error={household.error} />;
  const card = household.data;
  const members = [...card.members].sort((a, b) => (a.id === residentId ? -1 : b.id === residentId ? 1 : 0));
  return (
    <HouseholdCard card={card}>
      <NearbyFacilities householdId={card.id} />
      <GrievanceForm
        key={card.id}
        complainants={members.map((m) => ({ residentId: m.id, name: pick(m.nameEn, m.nameHi) }))}
        callId={purpose.callId}
        onRegistered={onGrievanceRegistered}
      />
    </HouseholdCard>
  );
}
