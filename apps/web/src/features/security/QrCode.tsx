import { Skeleton, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

interface QrCodeProps {
  value: string;
  alt: string;
  failedText: string;
  size?: number;
}

type State = { status: 'loading' } | { status: 'ready'; src: string } | { status: 'failed' };

/** Renders `value` as a QR code image; the encoder is a lazy chunk only this screen loads. */
export function QrCode({ value, alt, failedText, size = 200 }: QrCodeProps) {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    import('qrcode')
      .then((qrcode) => qrcode.toDataURL(value, { width: size, margin: 2, errorCorrectionLevel: 'M' }))
      .then((src) => {
        if (!cancelled) setState({ status: 'ready', src });
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'failed' });
      });
    return () => {
      cancelled = true;
    };
  }, [value, size]);

  if (state.status === 'loading') return <Skeleton width={size} height={size} radius="sm" />;
  if (state.status === 'failed')
    return (
      <Text c="red" size="sm">
        {failedText}
      </Text>
    );
  return (
    <img
      src={state.src}
      alt={alt}
      width={size}
      height={size}
      style={{ background: '#fff', borderRadius: 4, border: '1px solid var(--mantine-color-gray-3)' }}
    />
  );
}
