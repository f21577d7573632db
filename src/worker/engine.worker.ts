import { expose } from 'comlink'
import { engineApi } from './engine-api.ts'
import { withFault } from './engine-fault.ts'

expose(withFault(engineApi, self.name))
