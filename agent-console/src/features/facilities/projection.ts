/** Pure geometry for the offline map: no tiles, just the household and points around it. */

export interface TLatLon {
  lat: number;
  lon: number;
}

/** Kilometres per degree of latitude on the mean Earth radius (6371.0088 km). */
const KM_PER_DEGREE = (6371.0088 * Math.PI) / 180;

/**
 * Equirectangular projection centred on `origin`: x km east, y km north. Over the few tens of
 * kilometres a household card shows, the error against great-circle distance is well under 1%.
 */
export function toLocalKm(origin: TLatLon, point: TLatLon): { x: number; y: number } {
  const cosLat = Math.cos((origin.lat * Math.PI) / 180);
  return { x: (point.lon - origin.lon) * KM_PER_DEGREE * cosLat, y: (point.lat - origin.lat) * KM_PER_DEGREE };
}

const NICE_STEPS = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/** The largest round distance not above `km` (at least the smallest step). */
export function niceDistance(km: number): number {
  let best = NICE_STEPS[0] ?? 0.05;
  for (const step of NICE_STEPS) if (step <= km) best = step;
  return best;
}

export interface TViewport {
  width: number;
  height: number;
  /** pixels kept free around the plotted area */
  padding: number;
}

export interface TProjected {
  x: number;
  y: number;
  /** the point lies beyond the shown radius and was pulled in to the edge */
  clamped: boolean;
}

export interface TMapProjection {
  pxPerKm: number;
  /** the half-extent shown, in km, along the shorter side */
  radiusKm: number;
  centre: { x: number; y: number };
  project: (point: TLatLon) => TProjected;
}

/**
 * Fits a circle of `radiusKm` around the origin into the viewport; points further out are
 * placed on the edge of the plot in their true direction and flagged as clamped.
 */
export function createProjection(origin: TLatLon, radiusKm: number, viewport: TViewport): TMapProjection {
  const halfW = viewport.width / 2 - viewport.padding;
  const halfH = viewport.height / 2 - viewport.padding;
  const radius = Math.max(radiusKm, 0.05);
  const pxPerKm = Math.min(halfW, halfH) / radius;
  const centre = { x: viewport.width / 2, y: viewport.height / 2 };
  return {
    pxPerKm,
    radiusKm: radius,
    centre,
    project(point) {
      const { x, y } = toLocalKm(origin, point);
      let px = x * pxPerKm;
      let py = -y * pxPerKm;
      // scale back onto the plot's rectangle if the point falls outside it
      const over = Math.max(Math.abs(px) / halfW, Math.abs(py) / halfH);
      const clamped = over > 1;
      if (clamped) {
        px /= over;
        py /= over;
      }
      return { x: centre.x + px, y: centre.y + py, clamped };
    },
  };
}

/** The radius that shows every point: the furthest one, with a little room. */
export function radiusToFit(origin: TLatLon, points: readonly TLatLon[], viewport: TViewport): number {
  const halfW = viewport.width / 2 - viewport.padding;
  const halfH = viewport.height / 2 - viewport.padding;
  const side = Math.min(halfW, halfH);
  let needed = 0.5;
  for (const p of points) {
    const { x, y } = toLocalKm(origin, p);
    // a point needs the radius at which it still fits on both axes of the rectangle
    needed = Math.max(needed, (Math.abs(x) * side) / halfW, (Math.abs(y) * side) / halfH);
  }
  return needed * 1.08;
}

/** The extents (km from the household to the plot's nearer edge) the map offers besides "all". */
export const ZOOM_STEPS_KM = [1, 2, 5, 10, 15, 25, 50, 100] as const;

/**
 * The extent the map opens at: the smallest step that holds most (60%) of the facilities, so
 * that near ones are not squeezed into the centre by one far-away hospital; the rest sit on
 * the edge with their distance. Null means "show all".
 */
export function initialZoom(distancesKm: readonly number[], fitAllKm: number): number | null {
  if (distancesKm.length === 0) return null;
  const sorted = [...distancesKm].sort((a, b) => a - b);
  const covering = sorted[Math.max(0, Math.ceil(sorted.length * 0.6) - 1)] ?? 0;
  const step = ZOOM_STEPS_KM.find((s) => s >= covering * 1.1);
  return step !== undefined && step < fitAllKm * 0.8 ? step : null;
}

export interface TPoint {
  x: number;
  y: number;
}

export interface TSpreadOptions {
  /** centre-to-centre distance two markers need so that they do not overlap */
  minDistance: number;
  /** marks that stay where they are (the household) and that markers keep clear of */
  fixed?: readonly TPoint[];
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  iterations?: number;
}

/**
 * Pushes overlapping markers apart, a little at a time, so that every number on the map can
 * be read; the map draws a leader line from each moved marker to its true place. Deterministic:
 * the same input always gives the same picture.
 */
export function spreadMarkers(points: readonly TPoint[], options: TSpreadOptions): TPoint[] {
  const { minDistance, fixed = [], bounds, iterations = 80 } = options;
  const placed = points.map((p) => ({ x: p.x, y: p.y }));
  const clamp = (p: TPoint) => {
    p.x = Math.min(bounds.maxX, Math.max(bounds.minX, p.x));
    p.y = Math.min(bounds.maxY, Math.max(bounds.minY, p.y));
  };
  // a fixed direction per marker for the case of two markers on exactly the same spot
  const fallback = (i: number) => ({ x: Math.cos(i * 2.399963), y: Math.sin(i * 2.399963) });

  for (let round = 0; round < iterations; round++) {
    let moved = false;
    for (let i = 0; i < placed.length; i++) {
      const a = placed[i];
      if (!a) continue;
      for (let j = i + 1; j < placed.length; j++) {
        const b = placed[j];
        if (!b) continue;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        if (d >= minDistance) continue;
        if (d < 1e-6) {
          ({ x: dx, y: dy } = fallback(j));
          d = 1;
        }
        const push = (minDistance - d) / 2 + 0.01;
        a.x -= (dx / d) * push;
        a.y -= (dy / d) * push;
        b.x += (dx / d) * push;
        b.y += (dy / d) * push;
        moved = true;
      }
      for (const f of fixed) {
        let dx = a.x - f.x;
        let dy = a.y - f.y;
        let d = Math.hypot(dx, dy);
        if (d >= minDistance) continue;
        if (d < 1e-6) {
          ({ x: dx, y: dy } = fallback(i));
          d = 1;
        }
        const push = minDistance - d + 0.01;
        a.x += (dx / d) * push;
        a.y += (dy / d) * push;
        moved = true;
      }
    }
    for (const p of placed) clamp(p);
    if (!moved) break;
  }
  return placed;
}
