import { useTranslation } from 'react-i18next';
import type { THouseholdCard } from '../household-card/household.schemas.js';
import { useLabels } from '../../ui/useLabels.js';

interface THouseholdChooserProps {
  households: THouseholdCard[];
  phone: string;
  onChoose: (card: THouseholdCard) => void;
}

/** Several families share this number: the agent asks the caller and picks one. */
export function HouseholdChooser({ households, phone, onChoose }: THouseholdChooserProps) {
  const { t } = useTranslation();
  const { pick, label } = useLabels();
  return (
    <section className="panel" aria-labelledby="chooser-title" data-testid="household-chooser">
      <header className="panel__header">
        <h2 className="panel__title" id="chooser-title">
          {t('lookup.chooserTitle', { count: households.length, phone })}
        </h2>
      </header>
      <ul className="chooser panel__body">
        {households.map((h) => {
          const head = h.members.find((m) => m.relation === 'head') ?? h.members[0];
          const onPhone = h.members.filter((m) => m.mobile === phone);
          return (
            <li key={h.id} className="chooser__item">
              <div>
                <p className="strong">
                  {head ? head.nameEn : t('household.noMembers')}{' '}
                  {head ? (
                    <span lang="hi" className="muted">
                      {head.nameHi}
                    </span>
                  ) : null}
                </p>
                <p className="muted small">
                  {t('household.cardNumber', { number: h.cardNumber })} · {h.village}, {pick(h.district.name, h.district.nameHi)} ·{' '}
                  {t('household.memberCount', { count: h.members.length })}
                </p>
                {onPhone.length > 0 ? (
                  <p className="small">
                    {t('lookup.onThisNumber')}: {onPhone.map((m) => `${pick(m.nameEn, m.nameHi)} (${label('relation', m.relation)})`).join(', ')}
                  </p>
                ) : null}
              </div>
              <button type="button" className="btn" onClick={() => onChoose(h)}>
                {t('lookup.open')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
