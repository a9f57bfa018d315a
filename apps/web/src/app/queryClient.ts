import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/ApiError';
import { clearSession } from '../features/auth/session';

const UNAUTHENTICATED = 'auth.unauthenticated';

export function createQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    // Any call can discover that the session ended; guards redirect to /login from there.
    if (isApiError(error, UNAUTHENTICATED)) clearSession(queryClient, 'expired');
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < 2;
        },
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
