/**
 * Print colour profiles: the ICC profile a print PDF's colours and photos are converted with
 * is the very profile its PDF/X OutputIntent embeds. A theme names one (`print.profile`);
 * the default is a coated-paper profile made from the FOGRA39 characterization data, shipped
 * in templates/icc/ under its (zlib) licence; `libvips` is libvips's built-in CMYK profile
 * (public domain), taken from libvips itself so the embedded bytes are the ones it converts with.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ProfileInfo {
  /** file under templates/icc/, or undefined for libvips's built-in profile */
  file?: string;
  /** OutputConditionIdentifier: a name in the ICC's registry of printing conditions, or 'Custom' */
  condition: string;
  /** OutputCondition: the printing condition in words */
  conditionText: string;
  /** RegistryName, when `condition` names a registered characterization */
  registry?: string;
  /** Info: the profile in words */
  info: string;
}

export const PROFILES: Readonly<Record<string, ProfileInfo>> = {
  'coated-fogra39': {
    file: 'templates/icc/coated-fogra39.icc',
    condition: 'FOGRA39',
    conditionText: 'Offset printing on coated paper, ISO 12647-2:2004/Amd 1 (paper type 1/2), 60/cm screen',
    registry: 'http://www.color.org',
    info: 'Coated FOGRA39 (datapress, ArgyllCMS from FOGRA39L.ti3)',
  },
  libvips: {
    condition: 'Custom',
    conditionText: 'libvips built-in CMYK output profile (Chemical proof, Graeme W. Gill, public domain)',
    info: 'libvips built-in CMYK (Chemical proof)',
  },
};

export const DEFAULT_PROFILE = 'coated-fogra39';

export interface PrintProfile extends ProfileInfo {
  name: string;
  /** the ICC profile's bytes: embedded in the OutputIntent */
  bytes: Buffer;
  /** what sharp's withIccProfile() is given: the file, or 'cmyk' for libvips's built-in profile */
  sharpProfile: string;
  /** sha256 of the bytes (part of every print output's input hash) */
  hash: string;
}

/** The profile names a theme may use. */
export const profileNames = (): string[] => Object.keys(PROFILES);

/** Which profile a theme asks for (unknown names are an error naming the theme field). */
export function profileName(theme: { print?: { profile?: string } }): string {
  const name = theme.print?.profile ?? DEFAULT_PROFILE;
  if (!(name in PROFILES))
    throw new Error(`theme print.profile: expected one of ${profileNames().join(', ')}, found "${name}"`);
  return name;
}

const loaded = new Map<string, Promise<PrintProfile>>();

/** Load a profile by name (cached per process). */
export function loadProfile(root: string, name: string = DEFAULT_PROFILE): Promise<PrintProfile> {
  const key = `${root}\0${name}`;
  let p = loaded.get(key);
  if (!p) {
    p = readProfile(root, name);
    loaded.set(key, p);
  }
  return p;
}

async function readProfile(root: string, name: string): Promise<PrintProfile> {
  const info = PROFILES[name];
  if (!info) throw new Error(`Unknown print profile "${name}"; known: ${profileNames().join(', ')}`);
  let bytes: Buffer;
  let sharpProfile: string;
  if (info.file) {
    const file = path.join(root, info.file);
    if (!existsSync(file)) throw new Error(`print profile "${name}": ${info.file} is missing`);
    bytes = readFileSync(file);
    sharpProfile = file;
  } else {
    // libvips's own profile: convert one pixel with it and read back the profile it attached
    const { default: sharp } = await import('sharp');
    const jpeg = await sharp(Buffer.from([128, 128, 128]), { raw: { width: 1, height: 1, channels: 3 } })
      .withIccProfile('cmyk')
      .jpeg()
      .toBuffer();
    const meta = await sharp(jpeg).metadata();
    if (!meta.icc) throw new Error('libvips did not attach its CMYK profile');
    bytes = meta.icc;
    sharpProfile = 'cmyk';
  }
  if (bytes.length < 132 || bytes.toString('latin1', 16, 20) !== 'CMYK' || bytes.toString('latin1', 36, 40) !== 'acsp')
    throw new Error(`print profile "${name}" is not a CMYK ICC profile`);
  return { name, ...info, bytes, sharpProfile, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** The profile's file hash without loading sharp (planning): the file's bytes, or the name for libvips. */
export function profileKey(root: string, name: string): string {
  const info = PROFILES[name];
  if (!info?.file) return `builtin:${name}`;
  const file = path.join(root, info.file);
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : `missing:${name}`;
}
