import { createContext, useContext, type ReactNode } from 'react'
import type { Commands, ExampleCatalog } from './commands.ts'
import type { ShareOptions } from './permalink.ts'

export interface Services {
  commands: Commands
  examples: ExampleCatalog['list']
  share: (options?: ShareOptions) => Promise<void>
}

const ServicesContext = createContext<Services | null>(null)

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>
}

/** Commands with side effects (engine calls, files, links); components call these instead of doing the work. */
export function useServices(): Services {
  const services = useContext(ServicesContext)
  if (!services) throw new Error('useServices must be used inside <ServicesProvider>')
  return services
}
