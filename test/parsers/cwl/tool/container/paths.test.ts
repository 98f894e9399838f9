import { describe, expect, it } from 'vitest';
import { mapFilePaths, mapPath } from '../../../../../parsers/cwl/tool/container/index.js';

const toContainer = [
  { from: '/w/out', to: '/var/spool/cwl' },
  { from: '/w/mnt', to: '/' },
];

describe('paths inside and outside a container', () => {
  it('moves paths in a mapped folder and keeps others', () => {
    expect(mapPath('/w/out/a/b.txt', toContainer)).toBe('/var/spool/cwl/a/b.txt');
    expect(mapPath('/w/out', toContainer)).toBe('/var/spool/cwl');
    expect(mapPath('/w/mnt/etc/x.conf', toContainer)).toBe('/etc/x.conf');
    expect(mapPath('/w/outside/a.txt', toContainer)).toBe('/w/outside/a.txt');
  });

  it('moves the path, dirname, location, secondaryFiles and listing of File and Directory objects', async () => {
    const job = {
      reads: {
        class: 'File',
        path: '/w/out/r.bam',
        dirname: '/w/out',
        location: 'file:///w/out/r.bam',
        secondaryFiles: [{ class: 'File', path: '/w/out/r.bai' }],
      },
      folder: { class: 'Directory', path: '/w/out/d', listing: [{ class: 'File', path: '/w/out/d/x' }] },
      count: 3,
    };
    expect(await mapFilePaths(job, toContainer)).toEqual({
      reads: {
        class: 'File',
        path: '/var/spool/cwl/r.bam',
        dirname: '/var/spool/cwl',
        location: 'file:///var/spool/cwl/r.bam',
        secondaryFiles: [{ class: 'File', path: '/var/spool/cwl/r.bai' }],
      },
      folder: {
        class: 'Directory',
        path: '/var/spool/cwl/d',
        listing: [{ class: 'File', path: '/var/spool/cwl/d/x' }],
      },
      count: 3,
    });
  });
});
