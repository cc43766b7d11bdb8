import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';

/**
 * Every household view writes an audit row on the server, so data is fetched when a person
 * asks for it, not again on window focus; 4xx answers are not retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        staleTime: 5 * 60_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
