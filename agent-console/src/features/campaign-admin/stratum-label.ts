import { useTranslation } from 'react-i18next';
import { useLabels } from '../../ui/useLabels.js';
import { STRATUM_DIMENSIONS, useDistricts, useSchemes, type TStratumDimension } from './campaign-admin.api.js';

const isDimension = (value: string): value is TStratumDimension => (STRATUM_DIMENSIONS as readonly string[]).includes(value);

/** "district=642;gender=female" → [["district", "642"], ["gender", "female"]]; "all" → []. */
export function stratumParts(stratum: string): [string, string][] {
  if (stratum === 'all' || stratum === '') return [];
  return stratum.split(';').map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
  });
}

/**
 * A stratum key in words: district and block names, schemes by name, coded values translated.
 * With one dimension the table's heading names it, so `bare` leaves it out of each row.
 */
export function useStratumLabel(): (stratum: string, bare?: boolean) => string {
  const { t } = useTranslation();
  const { label, pick } = useLabels();
  const districts = useDistricts().data;
  const schemes = useSchemes().data?.schemes;
  return (stratum, bare = false) => {
    const parts = stratumParts(stratum);
    if (parts.length === 0) return t('campaignAdmin.plan.allInOne');
    return parts
      .map(([dimension, value]) => {
        const name = isDimension(dimension) ? t(`campaignAdmin.strata.${dimension}`) : dimension;
        let shown = value;
        if (dimension === 'district') {
          const district = districts?.find((d) => String(d.code) === value);
          if (district) shown = pick(district.name, district.nameHi);
        } else if (dimension === 'block') {
          const block = districts?.flatMap((d) => d.blocks).find((b) => String(b.id) === value);
          if (block) shown = pick(block.name, block.nameHi);
        } else if (dimension === 'scheme') {
          const scheme = schemes?.find((s) => s.code === value);
          if (scheme) shown = pick(scheme.nameEn, scheme.nameHi);
        } else if (dimension === 'gender') {
          shown = label('gender', value);
        } else if (dimension === 'paymentStatus') {
          shown = t(`campaignAdmin.paymentBands.${value}`, { defaultValue: value });
        }
        return bare ? shown : `${name}: ${shown}`;
      })
      .join(' · ');
  };
}
