import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { Alert } from '../../ui/Alert.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Field } from '../../ui/Field.js';
import { formatPhone } from '../../ui/format.js';
import { Loading } from '../../ui/Loading.js';
import { Tabs } from '../../ui/Tabs.js';
import { DocketLookup } from '../grievances/DocketLookup.js';
import { CALL_REASONS, VIEW_REASONS, type THouseholdCard, type TViewReason } from '../household-card/household.schemas.js';
import { HouseholdChooser } from './HouseholdChooser.js';
import { HouseholdView } from './HouseholdView.js';
import { fetchHouseholdsByPhone, searchResidents, type TResidentSearch } from './lookup.api.js';
import { PhoneLookupForm } from './PhoneLookupForm.js';
import { ResidentResults } from './ResidentResults.js';
import { ResidentSearchForm } from './ResidentSearchForm.js';

type TMode = 'phone' | 'search' | 'docket';

interface TSelection {
  householdId: number;
  initialCard?: THouseholdCard;
  residentId?: number;
}

/** Reasons a console user can give here; a call's screen-pop gives the call reasons itself, with the call id. */
const LOOKUP_REASONS = VIEW_REASONS.filter((r) => r !== 'officer_case_work' && !CALL_REASONS.some((c) => c === r));

/**
 * Finding the caller's household: by the number they call from, or by name, card number,
 * application number or Aadhaar last four; then the card. Every view states its reason.
 */
export function LookupWorkspace({ defaultReason, autoFocus = true }: { defaultReason: TViewReason; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<TMode>('phone');
  const [reason, setReason] = useState<TViewReason>(defaultReason);
  const [phone, setPhone] = useState<string | null>(null);
  const [search, setSearch] = useState<TResidentSearch | null>(null);
  const [selection, setSelection] = useState<TSelection | null>(null);

  const byPhone = useQuery({
    queryKey: ['household', 'by-phone', phone, reason],
    queryFn: () => fetchHouseholdsByPhone(phone ?? '', { reason }),
    enabled: mode === 'phone' && phone !== null,
  });
  const residents = useQuery({
    queryKey: ['residents', search, reason],
    queryFn: () => searchResidents(search ?? { q: '' }, { reason }),
    enabled: mode === 'search' && search !== null,
  });

  function lookUpPhone(value: string) {
    setSelection(null);
    setPhone(value);
  }
  function lookUpResidents(value: TResidentSearch) {
    setSelection(null);
    setSearch(value);
  }

  // Automatically open the only household a number belongs to.
  const phoneHouseholds = mode === 'phone' ? byPhone.data?.households : undefined;
  const only = phoneHouseholds?.length === 1 ? phoneHouseholds[0] : undefined;
  const effective: TSelection | null =
    selection ?? (only ? { householdId: only.id, initialCard: only, residentId: only.members.find((m) => m.mobile === byPhone.data?.phone)?.id } : null);

  const phoneError = byPhone.error instanceof ApiError ? byPhone.error.fieldMessage('phone') : undefined;
  const searchErrors =
    residents.error instanceof ApiError ? { q: residents.error.fieldMessage('q'), birthYear: residents.error.fieldMessage('birthYear') } : {};
  const listError = mode === 'phone' ? (phoneError ? null : byPhone.error) : mode === 'search' && !searchErrors.q && !searchErrors.birthYear ? residents.error : null;
  const canGoBack =
    selection !== null && ((mode === 'phone' && (phoneHouseholds?.length ?? 0) > 1) || (mode === 'search' && (residents.data?.results.length ?? 0) > 0));

  return (
    <div className="lookup">
      <div className="lookup__bar panel">
        <div className="panel__body lookup__controls">
          <Tabs
            label={t('lookup.modes')}
            active={mode}
            onChange={(next) => {
              setMode(next);
              setSelection(null);
            }}
            tabs={[
              { key: 'phone', label: t('lookup.phoneTab') },
              { key: 'search', label: t('lookup.searchTab') },
              { key: 'docket', label: t('lookup.docketTab') },
            ]}
          >
            {mode === 'phone' ? <PhoneLookupForm onSubmit={lookUpPhone} error={phoneError} busy={byPhone.isFetching} autoFocus={autoFocus} /> : null}
            {mode === 'search' ? <ResidentSearchForm onSubmit={lookUpResidents} errors={searchErrors} busy={residents.isFetching} /> : null}
            {mode === 'docket' ? <DocketLookup /> : null}
          </Tabs>
          {mode !== 'docket' ? (
            <Field label={t('lookup.reason')} hint={t('lookup.reasonHint')} className="lookup__reason">
              {({ id, describedBy }) => (
                <select id={id} value={reason} onChange={(e) => setReason(LOOKUP_REASONS.find((r) => r === e.target.value) ?? defaultReason)} aria-describedby={describedBy}>
                  {LOOKUP_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`reasons.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
      </div>

      {mode !== 'docket' ? (
        <div className="lookup__results">
          {(mode === 'phone' ? byPhone.isFetching && !byPhone.data : residents.isFetching && !residents.data) ? <Loading /> : null}
          {listError ? <ErrorAlert error={listError} /> : null}

          {canGoBack ? (
            <button type="button" className="btn btn--link" onClick={() => setSelection(null)}>
              ← {t('lookup.backToResults')}
            </button>
          ) : null}

          {effective ? (
            <HouseholdView
              key={`${effective.householdId}-${reason}`}
              householdId={effective.householdId}
              purpose={{ reason }}
              initialCard={effective.initialCard}
              residentId={effective.residentId}
            />
          ) : mode === 'phone' && byPhone.data ? (
            byPhone.data.households.length === 0 ? (
              <Alert tone="info" title={t('lookup.noHousehold', { phone: formatPhone(byPhone.data.phone) })}>
                <p>{t('lookup.noHouseholdHint')}</p>
              </Alert>
            ) : (
              <HouseholdChooser
                households={byPhone.data.households}
                phone={byPhone.data.phone}
                onChoose={(card) =>
                  setSelection({ householdId: card.id, initialCard: card, residentId: card.members.find((m) => m.mobile === byPhone.data.phone)?.id })
                }
              />
            )
          ) : mode === 'search' && residents.data ? (
            residents.data.results.length === 0 ? (
              <Alert tone="info" title={t('lookup.noResidents')} />
            ) : (
              <ResidentResults results={residents.data.results} onChoose={(m) => setSelection({ householdId: m.householdId, residentId: m.residentId })} />
            )
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
