import { createContext, useContext } from 'react';
import type { Me } from '../../api/types';

/**
 * The signed-in user as of RequireAuth's last render. Children read it from here rather than
 * from the query cache so that, when the session ends, none of them renders without a user
 * before RequireAuth redirects.
 */
export const CurrentUserContext = createContext<Me | null>(null);

export function useCurrentUser(): Me {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() used outside <RequireAuth>');
  return user;
}
