import { z } from 'zod';
import { api } from '../../api/client.js';
import { ZGrievance, ZGrievanceCategory, type TRegisterGrievance } from './grievance.schemas.js';

export function fetchCategories() {
  return api('/api/grievance-categories', { schema: z.array(ZGrievanceCategory) });
}

export function registerGrievance(body: TRegisterGrievance) {
  return api('/api/grievances', { method: 'POST', body, schema: ZGrievance });
}

export function fetchGrievance(docketNo: string) {
  return api(`/api/grievances/${encodeURIComponent(docketNo)}`, { schema: ZGrievance });
}
