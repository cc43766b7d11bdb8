import { z } from 'zod';

/**
 * The response shapes the console depends on, declared here and checked where they arrive.
 * They mirror the server's zod schemas (served as /api/openapi.json); the console does not
 * import runtime code from the server.
 */
export const ROLES = ['agent', 'supervisor', 'officer', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const ZLanguage = z.enum(['hi', 'cg', 'en']);

export const ZCurrentUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  departmentCode: z.string().nullable(),
  districtCode: z.number().int().nullable(),
  officeId: z.number().int().nullable(),
  languages: z.array(ZLanguage),
});
export type TCurrentUser = z.infer<typeof ZCurrentUser>;

export const ZTokenPair = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.string(),
  user: ZCurrentUser,
});
export type TTokenPair = z.infer<typeof ZTokenPair>;

/** The server's error body: `{ error: { code, message, fields?, requestId? } }`. */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
