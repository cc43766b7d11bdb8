import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Loading } from '../../ui/Loading.js';
import { useLabels } from '../../ui/useLabels.js';
import { NearbyFacilities } from '../facilities/NearbyFacilities.js';
import { GrievanceForm } from '../grievances/GrievanceForm.js';
import { fetchHousehold } from '../household-card/household.api.js';
import { HouseholdCard } from '../household-card/HouseholdCard.js';
import type { THouseholdCard, TViewReason } from '../household-card/household.schemas.js';

interface THouseholdViewProps {
  householdId: number;
  reason: TViewReason;
  /** the card as a phone lookup already returned it, so it is not fetched (and audited) twice */
  initialCard?: THouseholdCard | undefined;
  /** the member the lookup matched: preselected as the complainant */
  residentId?: number | undefined;
}

/** The household card with what an agent does from it: nearby facilities and a grievance. */
export function HouseholdView({ householdId, reason, initialCard, residentId }: THouseholdViewProps) {
  const { pick } = useLabels();
  const household = useQuery({
    queryKey: ['household', householdId, reason],
    queryFn: () => fetchHousehold(householdId, reason),
    initialData: initialCard,
  });
  if (household.isPending) return <Loading />;
  if (household.error && !household.data) return <ErrorAlert error={household.error} />;
  const card = household.data;
  const members = [...card.members].sort((a, b) => (a.id === residentId ? -1 : b.id === residentId ? 1 : 0));
  return (
    <HouseholdCard card={card}>
      <NearbyFacilities householdId={card.id} />
      <GrievanceForm key={card.id} complainants={members.map((m) => ({ residentId: m.id, name: pick(m.nameEn, m.nameHi) }))} />
    </HouseholdCard>
  );
}
