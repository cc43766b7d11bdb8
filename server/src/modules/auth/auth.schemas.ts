import { z } from 'zod';

export const ROLES = ['agent', 'supervisor', 'officer', 'admin'] as const;
export const ZRole = z.enum(ROLES).meta({ id: 'Role' });
export type TRole = z.infer<typeof ZRole>;

export const ZLoginRequest = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'LoginRequest' });

export const ZRefreshRequest = z.object({ refreshToken: z.string().min(20).max(200) }).meta({ id: 'RefreshRequest' });

export const ZCurrentUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: ZRole,
    departmentCode: z.string().nullable(),
    districtCode: z.number().int().nullable(),
    officeId: z.number().int().nullable(),
    languages: z.array(z.enum(['hi', 'cg', 'en'])),
  })
  .meta({ id: 'CurrentUser' });

export const ZTokenPair = z
  .object({
    accessToken: z.string().meta({ description: 'bearer token for the Authorization header' }),
    accessTokenExpiresAt: z.string().meta({ description: 'ISO time when the access token stops working' }),
    refreshToken: z.string().meta({ description: 'single-use: exchange it at /api/auth/refresh for a new pair' }),
    refreshTokenExpiresAt: z.string(),
    user: ZCurrentUser,
  })
  .meta({ id: 'TokenPair' });
export type TTokenPair = z.infer<typeof ZTokenPair>;
