import type { ApplicationCopyDto } from '@onehall/contracts';
import { hallApi } from '../api/hall-api.ts';
import type { DraftValues } from '../components/form-field-control.tsx';
import { toDraftValues } from './use-form-draft.ts';
import { useLoad } from './use-load.ts';

export interface CopySource {
  /** The form may be shown: nothing to copy, the copy arrived, or it could not be had. */
  ready: boolean;
  /** The values the new application starts from. */
  initial: DraftValues | undefined;
  /** The application copied (its serial number), when it was. */
  copied: ApplicationCopyDto | null;
  /** Why it could not be copied (the form then starts empty). */
  error: unknown;
}

/**
 * 再次申请: the launch page opened with `?from=<application id>` starts
 * from that application's values, which the server gives only to its
 * applicant. A copy of another service's application is not used.
 */
export function useCopySource(serviceCode: string, from: string | null): CopySource {
  const copy = useLoad(() => (from ? hallApi.getApplicationCopy(from) : Promise.resolve(null)), [from]);
  const usable = copy.data && copy.data.serviceCode === serviceCode ? copy.data : null;
  return {
    ready: !from || !copy.loading,
    initial: usable ? toDraftValues(usable.data as Parameters<typeof toDraftValues>[0]) : undefined,
    copied: usable,
    error: copy.error,
  };
}
