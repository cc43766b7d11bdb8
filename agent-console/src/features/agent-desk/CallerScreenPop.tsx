import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { formatPhone } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import type { TGrievance } from '../grievances/grievance.schemas.js';
import type { TViewPurpose } from '../household-card/household.schemas.js';
import { HouseholdChooser } from '../lookup/HouseholdChooser.js';
import { HouseholdView } from '../lookup/HouseholdView.js';
import { fetchHouseholdsByPhone } from '../lookup/lookup.api.js';
import { callContext, useCallContext } from './call-context.js';
import { CallerSearch } from './CallerSearch.js';

interface TCallerScreenPopProps {
  callId: string;
  caller: string | null;
  /** the household call control identified (from the IVR), when it did */
  householdId: number | null;
  reason: 'inbound_call' | 'outbound_call' | 'callback';
}

type TSource = 'agent' | 'ivr' | 'phone';

/**
 * Who is calling, from the moment the call rings: the household call control identified, else
 * every household on the caller's number (a chooser when there are several), else a search.
 * What the agent picks links the call to that household for the rest of the call (a reload
 * included), and every view is audited against the call.
 */
export function CallerScreenPop({ callId, caller, householdId, reason }: TCallerScreenPopProps) {
  const { t } = useTranslation();
  const context = useCallContext(callId);
  const [searching, setSearching] = useState(false);
  const purpose: TViewPurpose = { reason, callId };
  const linked = context?.linkedByAgent ? context : null;
  const known = linked?.householdId ?? householdId;
  const source: TSource = linked ? 'agent' : householdId ? 'ivr' : 'phone';

  const byPhone = useQuery({
    queryKey: ['household', 'by-phone', caller, reason, callId],
    queryFn: () => fetchHouseholdsByPhone(caller ?? '', purpose),
    enabled: known === null && caller !== null,
  });

  function link(household: number, resident: number | null) {
    callContext.remember(callId, { householdId: household, residentId: resident, linkedByAgent: true });
    setSearching(false);
  }
  function registered(grievance: TGrievance) {
    callContext.remember(callId, { dockets: [...(callContext.get(callId)?.dockets ?? []), grievance.docketNo] });
  }

  const phoneHouseholds = known === null ? byPhone.data?.households : undefined;
  const only = phoneHouseholds?.length === 1 ? phoneHouseholds[0] : undefined;
  const unknownCaller = known === null && (caller === null || phoneHouseholds?.length === 0);

  let body;
  if (searching || unknownCaller) {
    body = (
      <>
        {unknownCaller && !searching ? (
          <Alert tone="info" title={caller ? t('lookup.noHousehold', { phone: formatPhone(caller) }) : t('desk.pop.withheld')}>
            <p>{t('lookup.noHouseholdHint')}</p>
          </Alert>
        ) : null}
        <CallerSearch purpose={purpose} onChoose={(match) => link(match.householdId, match.residentId)} />
      </>
    );
  } else if (known !== null) {
    body = <HouseholdView householdId={known} purpose={purpose} residentId={linked?.residentId ?? undefined} onGrievanceRegistered={registered} />;
  } else if (byPhone.isPending) {
    body = <Loading />;
  } else if (byPhone.error || !byPhone.data) {
    body = <ErrorAlert error={byPhone.error} />;
  } else if (only) {
    body = (
      <HouseholdView
        householdId={only.id}
        purpose={purpose}
        initialCard={only}
        residentId={only.members.find((m) => m.mobile === byPhone.data.phone)?.id}
        onGrievanceRegistered={registered}
      />
    );
  } else {
    const phone = byPhone.data.phone;
    body = (
      <HouseholdChooser
        households={byPhone.data.households}
        phone={phone}
        onChoose={(card) => link(card.id, card.members.find((m) => m.mobile === phone)?.id ?? null)}
      />
    );
  }

  const showing = !searching && !unknownCaller && (known !== null || only !== undefined);
  return (
    <div className="screen-pop" data-testid="screen-pop">
      <div className="screen-pop__bar">
        <p className="screen-pop__source" data-testid="screen-pop-source" data-source={showing ? source : 'search'}>
          {showing ? t(`desk.pop.source.${source}`) : searching ? t('desk.pop.searching') : ''}
        </p>
        {searching ? (
          <button type="button" className="btn btn--link" onClick={() => setSearching(false)}>
            {t('desk.pop.backToCaller')}
          </button>
        ) : showing || phoneHouseholds ? (
          <button type="button" className="btn btn--link" onClick={() => setSearching(true)} data-testid="search-instead">
            {t('desk.pop.notThisHousehold')}
          </button>
        ) : null}
      </div>
      {body}
    </div>
  );
}
