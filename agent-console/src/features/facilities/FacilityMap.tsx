import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDistance } from '../../ui/format.js';
import { useLabels } from '../../ui/useLabels.js';
import type { TNearbyFacility } from './facilities.api.js';
import { colourFor } from './facility-types.js';
import { createProjection, initialZoom, niceDistance, radiusToFit, spreadMarkers, ZOOM_STEPS_KM, type TLatLon, type TViewport } from './projection.js';

const VIEWPORT: TViewport = { width: 640, height: 400, padding: 30 };
const MARKER_R = 10;

interface TFacilityMapProps {
  origin: TLatLon;
  facilities: TNearbyFacility[];
}

function Marker({ colour, synthetic, label }: { colour: string; synthetic: boolean; label?: string }) {
  return (
    <>
      <circle
        r={MARKER_R}
        fill={synthetic ? '#ffffff' : colour}
        stroke={colour}
        strokeWidth={synthetic ? 3 : 1.5}
        strokeDasharray={synthetic ? '4 2.5' : undefined}
      />
      {label ? (
        <text textAnchor="middle" dominantBaseline="central" className="map__marker-label" fill={synthetic ? colour : '#ffffff'}>
          {label}
        </text>
      ) : null}
    </>
  );
}

/** A tile-free map: the household at the centre, facilities around it at true bearing and scale. */
export function FacilityMap({ origin, facilities }: TFacilityMapProps) {
  const { t } = useTranslation();
  const { pick, language } = useLabels();
  const fitAll = useMemo(() => radiusToFit(origin, facilities, VIEWPORT), [origin, facilities]);
  const [zoom, setZoom] = useState<number | null>(() => initialZoom(facilities.map((f) => f.distanceKm), fitAll));
  const radiusKm = zoom ?? fitAll;
  const projection = createProjection(origin, radiusKm, VIEWPORT);
  const ring = niceDistance(radiusKm / 2);
  const scaleKm = niceDistance(radiusKm / 2.5);
  const scalePx = scaleKm * projection.pxPerKm;
  const { centre } = projection;
  const zoomOptions = ZOOM_STEPS_KM.filter((km) => km < fitAll * 0.8);
  const types = [...new Map(facilities.map((f) => [f.typeCode, f])).values()];
  const anySynthetic = facilities.some((f) => f.synthetic);

  // True places, then markers nudged apart where they would overlap (with a leader line back).
  const projected = facilities.map((f) => projection.project(f));
  const placed = spreadMarkers(projected, {
    minDistance: MARKER_R * 2 + 3,
    fixed: [centre],
    bounds: { minX: MARKER_R + 2, minY: MARKER_R + 2, maxX: VIEWPORT.width - MARKER_R - 2, maxY: VIEWPORT.height - MARKER_R - 2 },
  });
  // Far points are drawn first so that the nearest sit on top.
  const drawn = facilities
    .map((f, i) => {
      const p = projected[i] ?? centre;
      const at = placed[i] ?? p;
      return { f, n: i + 1, p, at, clamped: projected[i]?.clamped ?? false };
    })
    .reverse();
  const anyClamped = drawn.some((d) => d.clamped);

  return (
    <figure className="map" data-testid="facility-map">
      {zoomOptions.length > 0 ? (
        <div className="map__zoom" role="group" aria-labelledby="facility-map-zoom">
          <span id="facility-map-zoom" className="map__zoom-label">
            {t('facilities.zoom')}
          </span>
          <button type="button" className="btn btn--small" aria-pressed={zoom === null} onClick={() => setZoom(null)}>
            {t('facilities.zoomAll')}
          </button>
          {zoomOptions
            .slice()
            .reverse()
            .map((km) => (
              <button key={km} type="button" className="btn btn--small" aria-pressed={zoom === km} onClick={() => setZoom(km)}>
                {formatDistance(km, language)}
              </button>
            ))}
        </div>
      ) : null}
      <svg
        className="map__svg"
        viewBox={`0 0 ${VIEWPORT.width} ${VIEWPORT.height}`}
        role="img"
        aria-labelledby="facility-map-title facility-map-desc"
        data-testid="facility-map-svg"
      >
        <title id="facility-map-title">{t('facilities.mapTitle')}</title>
        <desc id="facility-map-desc">{t('facilities.mapDescription', { count: facilities.length, distance: formatDistance(radiusKm, language) })}</desc>
        <rect x="0" y="0" width={VIEWPORT.width} height={VIEWPORT.height} className="map__bg" />
        {[1, 2, 3, 4].map((k) => {
          const r = ring * k * projection.pxPerKm;
          if (r > Math.hypot(VIEWPORT.width, VIEWPORT.height) / 2) return null;
          return (
            <g key={k} className="map__ring">
              <circle cx={centre.x} cy={centre.y} r={r} />
              <text x={centre.x + 4} y={centre.y - r - 3}>
                {formatDistance(ring * k, language)}
              </text>
            </g>
          );
        })}
        <line className="map__axis" x1={centre.x} y1={VIEWPORT.padding / 2} x2={centre.x} y2={VIEWPORT.height - VIEWPORT.padding / 2} />
        <line className="map__axis" x1={VIEWPORT.padding / 2} y1={centre.y} x2={VIEWPORT.width - VIEWPORT.padding / 2} y2={centre.y} />

        <g className="map__north" transform={`translate(${VIEWPORT.width - 26}, 30)`} aria-hidden="true">
          <path d="M0 -16 L7 6 L0 1 L-7 6 Z" />
          <text y="20" textAnchor="middle">
            {t('facilities.north')}
          </text>
        </g>

        {drawn.map(({ f, p, at }) =>
          Math.hypot(at.x - p.x, at.y - p.y) > 2 ? (
            <g key={`leader-${f.id}`} className="map__leader" aria-hidden="true">
              <line x1={p.x} y1={p.y} x2={at.x} y2={at.y} />
              <circle cx={p.x} cy={p.y} r={2.5} />
            </g>
          ) : null,
        )}
        {drawn.map(({ f, n, at, clamped }) => {
          // off-map points carry an arrow pointing on, away from the household
          const angle = (Math.atan2(at.y - centre.y, at.x - centre.x) * 180) / Math.PI;
          return (
            <g
              key={f.id}
              transform={`translate(${at.x.toFixed(1)}, ${at.y.toFixed(1)})`}
              data-testid="map-point"
              data-type={f.typeCode}
              data-off-map={clamped || undefined}
            >
              <title>
                {`${n}. ${pick(f.name, f.nameLocal)} — ${pick(f.typeNameEn, f.typeNameHi)}, ${formatDistance(f.distanceKm, language)}${
                  f.synthetic ? ` (${t('facilities.synthetic')})` : ''
                }`}
              </title>
              {clamped ? <path className="map__arrow" d={`M${MARKER_R + 2} -5 L${MARKER_R + 9} 0 L${MARKER_R + 2} 5 Z`} transform={`rotate(${angle.toFixed(1)})`} /> : null}
              <Marker colour={colourFor(f.typeCode)} synthetic={f.synthetic} label={String(n)} />
            </g>
          );
        })}

        <g transform={`translate(${centre.x}, ${centre.y})`} className="map__home" data-testid="map-household">
          <title>{t('facilities.household')}</title>
          <path d="M0 -13 L12 -3 L8 -3 L8 10 L-8 10 L-8 -3 L-12 -3 Z" />
        </g>

        <g className="map__scale" transform={`translate(${VIEWPORT.padding / 2 + 4}, ${VIEWPORT.height - 16})`} data-testid="map-scale">
          <rect x="-4" y="-18" width={scalePx + 8} height="26" className="map__scale-bg" />
          <line x1="0" y1="0" x2={scalePx} y2="0" />
          <line x1="0" y1="-5" x2="0" y2="5" />
          <line x1={scalePx} y1="-5" x2={scalePx} y2="5" />
          <text x={scalePx / 2} y="-7" textAnchor="middle">
            {formatDistance(scaleKm, language)}
          </text>
        </g>
      </svg>
      <figcaption>
        <ul className="map__legend" aria-label={t('facilities.legend')}>
          <li>
            <svg viewBox="-14 -14 28 28" className="map__swatch" aria-hidden="true">
              <path className="map__home" d="M0 -13 L12 -3 L8 -3 L8 10 L-8 10 L-8 -3 L-12 -3 Z" />
            </svg>
            {t('facilities.household')}
          </li>
          {types.map((f) => (
            <li key={f.typeCode}>
              <svg viewBox="-12 -12 24 24" className="map__swatch" aria-hidden="true">
                <Marker colour={colourFor(f.typeCode)} synthetic={false} />
              </svg>
              {pick(f.typeNameEn, f.typeNameHi)}
            </li>
          ))}
          {anyClamped ? (
            <li>
              <svg viewBox="-12 -12 24 24" className="map__swatch" aria-hidden="true">
                <path className="map__arrow" d="M-6 -7 L6 0 L-6 7 Z" />
              </svg>
              {t('facilities.offMapLegend')}
            </li>
          ) : null}
          {anySynthetic ? (
            <li>
              <svg viewBox="-12 -12 24 24" className="map__swatch" aria-hidden="true">
                <Marker colour="#546e7a" synthetic />
              </svg>
              {t('facilities.syntheticLegend')}
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}
