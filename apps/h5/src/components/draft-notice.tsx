import { Button } from 'antd-mobile';
import { Dialog } from './overlays.tsx';
import { t } from '../i18n/translate.ts';

/** Says the form holds what the person left unsubmitted on this phone, and offers to start again. */
export function DraftNotice({ onReset }: { onReset: () => void }) {
  return (
    <div className="draft-notice" role="status">
      <span>{t('components.draftNotice.restored')}</span>
      <Button
        size="mini"
        fill="none"
        color="warning"
        onClick={async () => {
          if (await Dialog.confirm({ content: t('components.draftNotice.confirm'), confirmText: t('components.draftNotice.clear'), cancelText: t('components.draftNotice.keep') })) onReset();
        }}
      >
        {t('components.draftNotice.reset')}
      </Button>
    </div>
  );
}
