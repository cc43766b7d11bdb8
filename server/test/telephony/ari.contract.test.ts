import { makeAriHarness } from '../support/ari-server/harness.js';
import { describeProviderContract } from './contract.js';

// The shared scenarios, against the ARI test server, with the unmodified ari-client underneath.
describeProviderContract('asterisk-ari', () => makeAriHarness());
