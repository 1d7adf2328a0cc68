// The profile form's state: what the person is typing (draft), the last
// version the server confirmed, autosave of the fields they touch, and newer
// versions (their own saves, another tab's edits) merged in without ever
// overwriting what they are in the middle of typing.
import { Autosave, InvalidFields } from '$lib/ui/autosave.svelte';
import { isApiError } from '$lib/api/errors';
import {
  mergeRemote,
  profilePatch,
  profileToDraft,
  remapLinkErrors,
  timeOf,
  type ProfileDraft,
  type ProfileField,
} from './profile';
import type { Profile, UpdateProfileInput } from '$lib/api/types';

export class ProfileEditor {
  draft = $state<ProfileDraft>() as ProfileDraft;
  /** Set briefly when another tab's change is merged in, for a highlight. */
  remoteFields = $state<ProfileField[]>([]);
  readonly autosave: Autosave<ProfileField>;
  #row = $state.raw() as Profile;
  #saving = 0;
  #flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    profile: Profile,
    save: (input: UpdateProfileInput) => Promise<Profile>,
    options: { delay?: number } = {},
  ) {
    this.#row = profile;
    this.draft = profileToDraft(profile);
    this.autosave = new Autosave<ProfileField>({
      delay: options.delay,
      save: async (fields) => {
        const patch = profilePatch(this.draft, fields);
        if (Object.keys(patch.errors).length > 0) throw new InvalidFields(patch.errors);
        this.#saving += 1;
        try {
          this.receive(await save(patch.input), { own: true });
        } catch (error) {
          const fieldErrors = isApiError(error) ? error.data?.fieldErrors : null;
          if (fieldErrors && Object.keys(fieldErrors).length > 0) {
            throw new InvalidFields(remapLinkErrors(fieldErrors, patch.linkIndex));
          }
          throw error;
        } finally {
          this.#saving -= 1;
        }
      },
    });
  }

  get row(): Profile {
    return this.#row;
  }

  /** The person changed `field` in the form. */
  edit(field: ProfileField): void {
    this.autosave.touch(field);
  }

  /** A version of the profile from the server; older ones than shown are ignored. */
  receive(row: Profile, { own = false }: { own?: boolean } = {}): void {
    if (timeOf(row.updatedAt) < timeOf(this.#row.updatedAt)) return;
    const previous = profileToDraft(this.#row);
    const next = profileToDraft(row);
    const merged = mergeRemote(this.draft, previous, next, (field) =>
      this.autosave.isPending(field),
    );
    const changed = (Object.keys(next) as ProfileField[]).filter(
      (field) => JSON.stringify(merged[field]) !== JSON.stringify(this.draft[field]),
    );
    this.#row = row;
    if (changed.length === 0) return;
    this.draft = merged;
    if (!own && this.#saving === 0) this.#flash(changed);
  }

  destroy(): void {
    this.autosave.destroy();
    clearTimeout(this.#flashTimer);
  }

  #flash(fields: ProfileField[]): void {
    this.remoteFields = fields;
    clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => (this.remoteFields = []), 1600);
  }
}
