import type { TNode } from '../../flow/schema.js';
import type { TIvrEvent } from '../contract.js';
import type { TRun } from '../run.js';
import { branchNode } from './branch.js';
import { callbackNode } from './callback.js';
import { collectNode } from './collect.js';
import { enqueueNode } from './enqueue.js';
import { hangupNode, transferNode } from './ending.js';
import { languageNode } from './language.js';
import { lookupNode } from './lookup.js';
import { menuNode } from './menu.js';
import { recordNode } from './record.js';
import { sayNode } from './say.js';
import { setNode } from './set.js';
import { surveyNode } from './survey.js';

/** Dispatches to the node type's handler (a switch, so each handler sees its own node type). */
export function enterNode(run: TRun, node: TNode): string | null {
  switch (node.type) {
    case 'say':
    case 'play':
      return sayNode.enter(run, node);
    case 'menu':
      return menuNode.enter(run, node);
    case 'collect':
      return collectNode.enter(run, node);
    case 'lookup':
      return lookupNode.enter(run, node);
    case 'branch':
      return branchNode.enter(run, node);
    case 'language':
      return languageNode.enter(run, node);
    case 'set':
      return setNode.enter(run, node);
    case 'record':
      return recordNode.enter(run, node);
    case 'enqueue':
      return enqueueNode.enter(run, node);
    case 'callback':
      return callbackNode.enter(run, node);
    case 'transfer':
      return transferNode.enter(run, node);
    case 'hangup':
      return hangupNode.enter(run, node);
    case 'survey':
      return surveyNode.enter(run, node);
  }
}

export function resumeNode(run: TRun, node: TNode, event: TIvrEvent): string | null {
  switch (node.type) {
    case 'say':
    case 'play':
      return sayNode.resume(run, node, event);
    case 'menu':
      return menuNode.resume(run, node, event);
    case 'collect':
      return collectNode.resume(run, node, event);
    case 'lookup':
      return lookupNode.resume(run, node, event);
    case 'branch':
      return branchNode.resume(run, node, event);
    case 'language':
      return languageNode.resume(run, node, event);
    case 'set':
      return setNode.resume(run, node, event);
    case 'record':
      return recordNode.resume(run, node, event);
    case 'enqueue':
      return enqueueNode.resume(run, node, event);
    case 'callback':
      return callbackNode.resume(run, node, event);
    case 'transfer':
      return transferNode.resume(run, node, event);
    case 'hangup':
      return hangupNode.resume(run, node, event);
    case 'survey':
      return surveyNode.resume(run, node, event);
  }
}
