import { Group, Image, Text } from '@mantine/core';

interface BrandProps {
  name: string;
  logoUrl?: string | null;
}

/** Workspace logo and name; the logo is decorative because the name is always shown. */
export function Brand({ name, logoUrl }: BrandProps) {
  return (
    <Group gap="xs" wrap="nowrap" miw={0}>
      {logoUrl ? <Image src={logoUrl} alt="" h={28} w="auto" fit="contain" /> : <LogoMark />}
      <Text fw={700} truncate="end">
        {name}
      </Text>
    </Group>
  );
}

function LogoMark() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
      <path d="M9 11h14M9 16h9M9 21h12" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
    </svg>
  );
}
