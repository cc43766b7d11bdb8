import { describe, expect, it } from 'vitest';
import { ConfigError, describeSettings, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs the demo with defaults on one machine', () => {
    const config = loadConfig({ SAMVAD_MODE: 'demo' });
    expect(config.demo).toBe(true);
    expect(config.http.port).toBe(3000);
    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('has no default secret outside demo mode, and lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/JWT_SECRET: is required outside demo mode/);
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('refuses a short secret', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('needs a telephony provider outside demo mode, and its settings', () => {
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(40) })).toThrow(/TELEPHONY: is required/);
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(40), TELEPHONY: 'ari', ARI_URL: 'http://asterisk:8088' })).toThrow(
      /ARI_USERNAME: is required when TELEPHONY=ari[\s\S]*ARI_PASSWORD/,
    );
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(40), TELEPHONY: 'twilio' })).toThrow(/TWILIO_AUTH_TOKEN/);
    expect(loadConfig({ SAMVAD_MODE: 'demo' }).telephony.provider).toBe('sim');
  });

  it('accepts a production configuration', () => {
    const config = loadConfig({ JWT_SECRET: 'x'.repeat(40), TELEPHONY: 'sim', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.demo).toBe(false);
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('describes every setting', () => {
    const settings = describeSettings();
    expect(settings.length).toBeGreaterThan(10);
    for (const s of settings) expect(s.description, s.name).not.toBe('');
  });
});
