import { useId, type ReactNode } from 'react'
import type { SharePacket } from '../../core/share/share-state.ts'
import { useAppStore } from '../../store/app-store-context.tsx'
import { useServices } from '../../store/services-context.tsx'
import { useT } from '../../store/use-t.ts'
import { Button } from '../../components/ui/button.tsx'

const inputClass = 'w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-[12px] dark:border-slate-600 dark:bg-slate-800'

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId()
  return (
    <div className="flex flex-col gap-0.5">
      <label htmlFor={id} className="text-[11px] text-slate-600 dark:text-slate-400">
        {label}
      </label>
      {children(id)}
    </div>
  )
}

function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const n = Number(text)
  return Number.isInteger(n) && n >= 0 ? n : undefined
}

/**
 * The interface is not a free choice: as in the kernel (and its oracle), an arriving packet comes in on eth0 and a
 * leaving one is routed out of lo when it is for the pod itself or 127.0.0.0/8, eth0 otherwise.
 */
function interfaceOf(p: SharePacket): string {
  if (p.direction === 'inbound') return 'in: eth0'
  const dst = p.dst ?? ''
  const local = dst.startsWith('127.') || dst === '::1' || dst === '10.10.13.113' || dst === 'fd00:10:13::113'
  return `out: ${local ? 'lo' : 'eth0'}`
}

/** A packet of your own: direction, protocol, addresses, ports, the sending process's uid/gid, the interface. */
export function PacketForm() {
  const t = useT()
  const { commands } = useServices()
  const packet = useAppStore((s) => s.packet)
  const setPacket = useAppStore((s) => s.setPacket)
  const update = (patch: Partial<SharePacket>) => {
    const next: SharePacket = { ...packet, ...patch }
    for (const k of Object.keys(next) as (keyof SharePacket)[]) if (next[k] === undefined || next[k] === '') delete next[k]
    setPacket(next)
  }
  const outbound = packet.direction === 'outbound'
  return (
    <details className="mb-2 rounded border border-slate-200 dark:border-slate-700">
      <summary className="cursor-pointer px-2 py-1 text-[12.5px] font-medium">{t('sim.custom')}</summary>
      <form
        className="grid grid-cols-2 gap-2 p-2"
        onSubmit={(e) => {
          e.preventDefault()
          void commands.runScenario({ kind: 'packet', packet })
        }}
      >
        <Field label={t('sim.direction')}>
          {(id) => (
            <select id={id} className={inputClass} value={packet.direction} onChange={(e) => update({ direction: e.target.value === 'inbound' ? 'inbound' : 'outbound' })}>
              <option value="outbound">{t('sim.outbound')}</option>
              <option value="inbound">{t('sim.inbound')}</option>
            </select>
          )}
        </Field>
        <Field label={t('sim.protocol')}>
          {(id) => (
            <select id={id} className={inputClass} value={packet.proto} onChange={(e) => update({ proto: e.target.value === 'udp' ? 'udp' : 'tcp' })}>
              <option value="tcp">TCP</option>
              <option value="udp">UDP</option>
            </select>
          )}
        </Field>
        <Field label={t('sim.src')}>{(id) => <input id={id} className={inputClass} value={packet.src ?? ''} placeholder={outbound ? t('sim.srcDefaultPod') : '10.10.13.1'} onChange={(e) => update({ src: e.target.value })} />}</Field>
        <Field label={t('sim.sport')}>{(id) => <input id={id} className={inputClass} inputMode="numeric" value={packet.sport ?? ''} placeholder="40001" onChange={(e) => update({ sport: numberOrUndefined(e.target.value) })} />}</Field>
        <Field label={t('sim.dst')}>{(id) => <input id={id} className={inputClass} value={packet.dst ?? ''} placeholder={outbound ? '93.184.216.34' : t('sim.dstDefaultPod')} onChange={(e) => update({ dst: e.target.value })} />}</Field>
        <Field label={t('sim.dport')}>{(id) => <input id={id} className={inputClass} inputMode="numeric" value={packet.dport} onChange={(e) => update({ dport: numberOrUndefined(e.target.value) ?? 0 })} />}</Field>
        <Field label={t('sim.uid')}>{(id) => <input id={id} className={inputClass} inputMode="numeric" disabled={!outbound} value={packet.uid ?? ''} onChange={(e) => update({ uid: numberOrUndefined(e.target.value) })} />}</Field>
        <Field label={t('sim.gid')}>{(id) => <input id={id} className={inputClass} inputMode="numeric" disabled={!outbound} value={packet.gid ?? ''} onChange={(e) => update({ gid: numberOrUndefined(e.target.value) })} />}</Field>
        <Field label={t('sim.iface')}>
          {(id) => (
            <output id={id} className="py-0.5 font-mono text-[12px] text-slate-700 dark:text-slate-300" title={t('sim.ifaceWhy')}>
              {interfaceOf(packet)}
            </output>
          )}
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="primary">
            {t('sim.run')}
          </Button>
        </div>
      </form>
    </details>
  )
}
