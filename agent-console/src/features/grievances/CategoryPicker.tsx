import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.js';
import { useLabels } from '../../ui/useLabels.js';
import { searchCategories } from './category-search.js';
import type { TGrievanceCategory } from './grievance.schemas.js';

interface TCategoryPickerProps {
  categories: readonly TGrievanceCategory[];
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}

/**
 * A search box over the categories (English or Hindi, name, code or department) and a native
 * list box of the matches, so it works with the keyboard and screen readers without a widget.
 */
export function CategoryPicker({ categories, value, onChange, error }: TCategoryPickerProps) {
  const { t } = useTranslation();
  const { pick } = useLabels();
  const [query, setQuery] = useState('');
  const matches = useMemo(() => searchCategories(categories, query), [categories, query]);
  const selected = categories.find((c) => c.code === value);
  // the chosen category stays in the list even when the search no longer matches it
  const options = selected && !matches.includes(selected) ? [selected, ...matches] : matches;

  return (
    <div className="category-picker">
      <Field label={t('grievanceForm.searchCategory')} hint={t('grievanceForm.searchCategoryHint')}>
        {({ id, describedBy }) => (
          <input
            id={id}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={describedBy}
            data-testid="category-search"
            autoComplete="off"
          />
        )}
      </Field>
      <Field label={t('grievanceForm.category')} error={error} hint={t('grievanceForm.matches', { count: matches.length })}>
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            size={6}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className="category-picker__list"
            data-testid="category-select"
          >
            {/* without it the browser would show the first category as chosen while none is */}
            <option value="">{t('grievanceForm.choose')}</option>
            {options.map((c) => (
              <option key={c.code} value={c.code}>
                {`${c.code} · ${pick(c.nameEn, c.nameHi)} — ${pick(c.department.nameEn, c.department.nameHi)} · ${t('grievanceForm.days', { count: c.deadlineDays })}`}
              </option>
            ))}
          </select>
        )}
      </Field>
      {selected ? (
        <dl className="facts category-picker__chosen" data-testid="category-chosen">
          <div>
            <dt>{t('grievanceForm.chosen')}</dt>
            <dd>
              {pick(selected.nameEn, selected.nameHi)} <span className="mono muted">({selected.code})</span>
            </dd>
          </div>
          <div>
            <dt>{t('grievance.department')}</dt>
            <dd>{pick(selected.department.nameEn, selected.department.nameHi)}</dd>
          </div>
          <div>
            <dt>{t('grievanceForm.deadline')}</dt>
            <dd>{t('grievanceForm.days', { count: selected.deadlineDays })}</dd>
          </div>
        </dl>
      ) : null}
    </div>
  );
}
