import { EDGE_COLOURS, markerId } from './to-flow.ts'

/**
 * One arrowhead per edge kind. React Flow would otherwise build marker definitions from every edge's marker object
 * on each store update, which costs tens of milliseconds on a big dump.
 */
export function EdgeMarkers() {
  return (
    <svg aria-hidden className="pointer-events-none absolute h-0 w-0">
      <defs>
        {(Object.keys(EDGE_COLOURS) as (keyof typeof EDGE_COLOURS)[]).map((kind) => (
          <marker key={kind} id={markerId(kind)} viewBox="-10 -10 20 20" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse" refX="0" refY="0">
            <polyline points="-5,-4 0,0 -5,4 -5,-4" fill={EDGE_COLOURS[kind]} stroke={EDGE_COLOURS[kind]} strokeLinecap="round" strokeLinejoin="round" strokeWidth="1" />
          </marker>
        ))}
      </defs>
    </svg>
  )
}
