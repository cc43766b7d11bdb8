import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { Alert } from '../../ui/Alert.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { Loading } from '../../ui/Loading.js';
import type { TViewPurpose } from '../household-card/household.schemas.js';
import { searchResidents, type TResidentMatch, type TResidentSearch } from '../lookup/lookup.api.js';
import { ResidentResults } from '../lookup/ResidentResults.js';
import { ResidentSearchForm } from '../lookup/ResidentSearchForm.js';

/** The caller is not known by their number: find them by name, card or application number, then link the call. */
export function CallerSearch({ purpose, onChoose }: { purpose: TViewPurpose; onChoose: (match: TResidentMatch) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState<TResidentSearch | null>(null);
  const residents = useQuery({
    queryKey: ['residents', search, purpose.reason, purpose.callId ?? null],
    queryFn: () => searchResidents(search ?? { q: '' }, purpose),
    enabled: search !== null,
  });
  const error = residents.error instanceof ApiError ? residents.error : null;
  const errors = { q: error?.fieldMessage('q'), birthYear: error?.fieldMessage('birthYear') };

  return (
    <section className="panel" aria-labelledby="caller-search-title" data-testid="caller-search">
      <header className="panel__header">
        <h2 className="panel__title" id="caller-search-title">
          {t('desk.pop.searchTitle')}
        </h2>
      </header>
      <div className="panel__body stack">
        <ResidentSearchForm onSubmit={setSearch} errors={errors} busy={residents.isFetching} />
        {residents.isFetching && !residents.data ? <Loading /> : null}
        {residents.error && !errors.q && !errors.birthYear ? <ErrorAlert error={residents.error} /> : null}
        {residents.data ? (
          residents.data.results.length === 0 ? (
            <Alert tone="info" title={t('lookup.noResidents')} />
          ) : (
            <ResidentResults results={residents.data.results} onChoose={onChoose} />
          )
        ) : null}
      </div>
    </section>
  );
}
