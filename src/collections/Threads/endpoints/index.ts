/** The inbox's endpoints on the threads collection (/api/threads/:id/…). */
import type { Endpoint } from 'payload'

import { handBackChatEndpoint, takeOverChatEndpoint } from './chat'
import { markReadEndpoint } from './read'
import { replyEndpoint } from './reply'

export const threadEndpoints: Endpoint[] = [replyEndpoint, markReadEndpoint, takeOverChatEndpoint, handBackChatEndpoint]
