/**
 * The Language option every node that writes text for people offers, worded once. A workflow's Settings node sets
 * it for all of them with an expression ({{ $('Settings').first().json.language }}).
 */
import type { INodeProperties } from 'n8n-workflow';
import type { Language } from '../../lib/diagnose';

/** `what`: the text the option changes on this node, e.g. "the Markdown summary". */
export function languageOption(what: string): INodeProperties {
  return {
    displayName: 'Language',
    name: 'language',
    type: 'options',
    options: [
      { name: 'English', value: 'en' },
      { name: '简体中文', value: 'zh' },
    ],
    default: 'en',
    description: `Language of ${what}. Object names, alert names, messages quoted from the cluster, log lines and kubectl commands stay as they are.`,
  };
}

/** The option's value as a Language; anything else (an expression that resolved to nothing) is English. */
export function languageOf(value: unknown): Language {
  return value === 'zh' ? 'zh' : 'en';
}
