import { useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import type { FieldErrors } from '../../api/field-errors';
import { SOCIAL_LIMITS, type UserProfile } from '../../../../shared/social/social-types';
import { FieldError } from '../accounts/FieldError';
import { updateOwnProfile } from './profile-actions';

const COLOURS = ['#f0b429', '#4c9aff', '#26a69a', '#ef5350', '#c678dd', '#56b6c2', '#e5c07b', '#98c379', '#ff7eb6', '#8a94a3'];

/** The trader's own display name, bio and avatar colour. */
export function ProfileEditor({ user, onDone }: { user: UserProfile; onDone(): void }) {
  const api = useApi();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [bio, setBio] = useState(user.bio);
  const [avatarColor, setColor] = useState(user.avatarColor);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!displayName.trim()) return setErrors({ displayName: 'A display name is needed' });
    const res = await updateOwnProfile(api, { displayName: displayName.trim(), bio: bio.trim(), avatarColor });
    if (res.ok) onDone();
    else {
      setErrors(res.fields ?? {});
      setFailure(res.fields ? null : res.message);
    }
  };

  return (
    <form className="profile-editor" onSubmit={(e) => void submit(e)} noValidate aria-label="Edit your profile">
      <div className="form-grid">
        <label htmlFor="profile-name">Name</label>
        <div>
          <input id="profile-name" className="field" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={SOCIAL_LIMITS.displayNameChars} aria-invalid={!!errors.displayName} autoFocus />
          <FieldError text={errors.displayName} />
        </div>
        <label htmlFor="profile-bio">Bio</label>
        <div>
          <textarea id="profile-bio" className="field composer-text" rows={3} value={bio} onChange={(e) => setBio(e.target.value)} maxLength={SOCIAL_LIMITS.bioChars} aria-invalid={!!errors.bio} />
          <span className="hint num">
            {bio.length}/{SOCIAL_LIMITS.bioChars}
          </span>
          <FieldError text={errors.bio} />
        </div>
        <span className="form-label">Colour</span>
        <div className="colour-row" role="radiogroup" aria-label="Avatar colour">
          {COLOURS.map((c) => (
            <button key={c} type="button" role="radio" aria-checked={c === avatarColor} aria-label={c} className={c === avatarColor ? 'colour-swatch active' : 'colour-swatch'} style={{ background: c }} onClick={() => setColor(c)} />
          ))}
          <input type="color" className="colour-pick" value={avatarColor} onChange={(e) => setColor(e.target.value)} aria-label="Any colour" />
          <FieldError text={errors.avatarColor} />
        </div>
      </div>
      <FieldError text={failure ?? undefined} />
      <div className="modal-actions">
        <button type="button" className="button button-small" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary">
          Save profile
        </button>
      </div>
    </form>
  );
}
