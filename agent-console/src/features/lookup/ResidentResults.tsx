import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../ui/format.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TResidentMatch } from './lookup.api.js';

/** The server answers at most this many matches (GET /api/residents/search). */
const SERVER_LIMIT = 20;

interface TResidentResultsProps {
  results: TResidentMatch[];
  onChoose: (match: TResidentMatch) => void;
}

export function ResidentResults({ results, onChoose }: TResidentResultsProps) {
  const { t } = useTranslation();
  const { label } = useLabels();
  return (
    <section className="panel" aria-labelledby="results-title" data-testid="resident-results">
      <header className="panel__header">
        <h2 className="panel__title" id="results-title">
          {t('lookup.resultsTitle', { count: results.length })}
        </h2>
        {results.length >= SERVER_LIMIT ? <p className="panel__aside">{t('lookup.moreResults', { count: SERVER_LIMIT })}</p> : null}
      </header>
      <div className="panel__body table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('member.name')}</th>
              <th scope="col">{t('member.relation')}</th>
              <th scope="col">{t('member.age')}</th>
              <th scope="col">{t('lookup.place')}</th>
              <th scope="col">{t('lookup.card')}</th>
              <th scope="col">{t('member.phone')}</th>
              <th scope="col">{t('lookup.matchedBy')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('lookup.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.residentId}>
                <th scope="row" className="cell-name">
                  <span>{r.nameEn}</span>
                  <span className="cell-name__hi" lang="hi">
                    {r.nameHi}
                  </span>
                </th>
                <td>{label('relation', r.relation)}</td>
                <td className="nowrap">
                  {r.age} · {label('gender', r.gender)}
                </td>
                <td>
                  {r.village}, {r.district.name}
                </td>
                <td className="mono">{r.cardNumber}</td>
                <td className="mono nowrap">{r.mobile ? formatPhone(r.mobile) : '—'}</td>
                <td>{label('matchedBy', r.matchedBy)}</td>
                <td>
                  <button type="button" className="btn btn--small" onClick={() => onChoose(r)}>
                    {t('lookup.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
