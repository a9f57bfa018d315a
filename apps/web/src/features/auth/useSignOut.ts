import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../api/auth.api';
import { clearSession } from './session';

/** Sign out of this browser, or of every session (`everywhere`), then the guard shows /login. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean) => (everywhere ? authApi.logoutAll() : authApi.logout()),
    // RequireAuth then shows /login (without ?next, as the sign-out was deliberate).
    onSuccess: () => clearSession(queryClient, 'signed_out'),
  });
}
