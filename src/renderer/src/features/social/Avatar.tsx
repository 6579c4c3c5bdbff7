import type { UserRef } from '../../../../shared/social/social-types';
import './social.css';

/** A member's avatar: their colour with the first letter of their name (`size` "dot": the colour only). */
export function Avatar({ user, size = 'md' }: { user: Pick<UserRef, 'avatarColor' | 'displayName' | 'username'>; size?: 'dot' | 'sm' | 'md' | 'lg' }) {
  if (size === 'dot') return <span className="avatar-dot" style={{ background: user.avatarColor }} aria-hidden="true" />;
  const letter = (user.displayName.trim() || user.username).charAt(0).toUpperCase();
  return (
    <span className={`avatar avatar-${size}`} style={{ background: user.avatarColor }} aria-hidden="true">
      {letter}
    </span>
  );
}
