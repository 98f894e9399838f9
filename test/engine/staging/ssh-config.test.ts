import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkKnownHost, knownHostName } from '../../../engine/staging/ssh/known-hosts.js';
import { configForHost, expandPath } from '../../../engine/staging/ssh/ssh-config.js';

const CONFIG = `
# global defaults come first only when written first
User everyone
Host cluster cluster.example.org
  HostName login.example.org
  Port 2200
  IdentityFile ~/.ssh/cluster_key
  IdentityFile %d/.ssh/second_%r
Host *.example.org !secret.example.org
  User staff
  Port 2300
Host *
  IdentityFile ~/.ssh/id_ed25519
  Port 22
Match host other
  User nobody
`;

describe('ssh config', () => {
  it('takes the first value of each keyword over every matching Host block', () => {
    expect(configForHost(CONFIG, 'cluster')).toEqual({
      user: 'everyone',
      hostname: 'login.example.org',
      port: '2200',
      identityfile: ['~/.ssh/cluster_key', '%d/.ssh/second_%r', '~/.ssh/id_ed25519'],
    });
  });

  it('matches wildcards and honours negated patterns', () => {
    expect(configForHost(CONFIG, 'a.example.org').port).toBe('2300');
    expect(configForHost(CONFIG, 'secret.example.org').port).toBe('22');
  });

  it('reads Key=value and quoted arguments', () => {
    expect(configForHost('Host x\n  Port=2022\n  IdentityFile "/keys/my key"\n', 'x')).toEqual({
      port: '2022',
      identityfile: ['/keys/my key'],
    });
  });

  it('expands ~ and %d %h %r %u in paths, relative ones under ~/.ssh', () => {
    const ctx = { home: '/home/ann', host: 'h', user: 'r', localUser: 'ann' };
    expect(expandPath('~/.ssh/k_%h_%r_%u', ctx)).toBe('/home/ann/.ssh/k_h_r_ann');
    expect(expandPath('%d/x', ctx)).toBe('/home/ann/x');
    expect(expandPath('keyfile', ctx)).toBe('/home/ann/.ssh/keyfile');
  });
});

describe('known_hosts', () => {
  const key = Buffer.from('server-key-blob');
  const b64 = key.toString('base64');

  it('lists hosts on other ports than 22 as [host]:port', () => {
    expect(knownHostName('h', 22)).toBe('h');
    expect(knownHostName('h', 2222)).toBe('[h]:2222');
  });

  it('accepts a listed key, plain, in a pattern list, or hashed', () => {
    expect(checkKnownHost([`h ssh-ed25519 ${b64}`], 'h', 22, key)).toEqual({ ok: true, known: true });
    expect(checkKnownHost([`x,[h]:2222 ssh-ed25519 ${b64}`], 'h', 2222, key).ok).toBe(true);
    const salt = Buffer.from('0123456789abcdefghij');
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('h').digest('base64')}`;
    expect(checkKnownHost([`${hashed} ssh-ed25519 ${b64}`], 'h', 22, key).ok).toBe(true);
  });

  it('tells an unknown host from a changed key, and refuses a revoked key', () => {
    expect(checkKnownHost([`other ssh-ed25519 ${b64}`], 'h', 22, key)).toEqual({ ok: false, known: false });
    expect(checkKnownHost([`h ssh-ed25519 AAAA`], 'h', 22, key)).toEqual({ ok: false, known: true });
    expect(checkKnownHost([`h ssh-ed25519 ${b64}`, `@revoked h ssh-ed25519 ${b64}`], 'h', 22, key).ok).toBe(false);
  });
});
