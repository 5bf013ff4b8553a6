/** The IM Notify node's parameters: the channel and its format, then what to send. */
import type { INodeProperties } from 'n8n-workflow';
import { channelProperties } from './channel';
import { messageProperties } from './message';

export const properties: INodeProperties[] = [...channelProperties, ...messageProperties];
