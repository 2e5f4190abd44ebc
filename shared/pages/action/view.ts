import type { MessageKey, MessageParams } from '../../i18n';
import type { ActionRequest } from '../../use-cases/show-action';

/**
 * What the action pages (`/handling/{token}`) show beyond what the use cases return: the
 * flows (flows.ts) add the form's CSRF value and bounds and turn a rejected post into errors
 * at their fields; the templates only render.
 */

export interface ActionFormView extends ActionRequest {
  csrf: string;
  commentMax: number;
}

export type FormField = 'choice' | 'comment' | 'csrf';

export interface FormError {
  field: FormField;
  key: MessageKey;
  params?: MessageParams;
}

/** What the user sent, to fill the form again after an error. */
export interface FormValues {
  choice?: string;
  comment?: string;
}
