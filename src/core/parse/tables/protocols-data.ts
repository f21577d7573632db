/**
 * Protocol names iptables resolves with getprotobyname()/getprotobynumber() (`-p gre`, `-p 47` → `-p gre`).
 * Source: Debian netbase 6.4 /etc/protocols (IANA protocol numbers; netbase's selection is GPL-2, see services-data.ts),
 * as `number name [aliases…]`, comments dropped.
 */
export const PROTOCOLS_TEXT = `
0 ip IP
0 hopopt HOPOPT
1 icmp ICMP
2 igmp IGMP
3 ggp GGP
4 ipencap IP-ENCAP
5 st ST
6 tcp TCP
8 egp EGP
9 igp IGP
12 pup PUP
17 udp UDP
20 hmp HMP
22 xns-idp XNS-IDP
27 rdp RDP
29 iso-tp4 ISO-TP4
33 dccp DCCP
36 xtp XTP
37 ddp DDP
38 idpr-cmtp IDPR-CMTP
41 ipv6 IPv6
43 ipv6-route IPv6-Route
44 ipv6-frag IPv6-Frag
45 idrp IDRP
46 rsvp RSVP
47 gre GRE
50 esp IPSEC-ESP
51 ah IPSEC-AH
57 skip SKIP
58 ipv6-icmp IPv6-ICMP
59 ipv6-nonxt IPv6-NoNxt
60 ipv6-opts IPv6-Opts
73 rspf RSPF CPHB
81 vmtp VMTP
88 eigrp EIGRP
89 ospf OSPFIGP
93 ax.25 AX.25
94 ipip IPIP
97 etherip ETHERIP
98 encap ENCAP
103 pim PIM
108 ipcomp IPCOMP
112 vrrp VRRP
115 l2tp L2TP
124 isis ISIS
132 sctp SCTP
133 fc FC
135 mobility-header Mobility-Header
136 udplite UDPLite
137 mpls-in-ip MPLS-in-IP
138 manet
139 hip HIP
140 shim6 Shim6
141 wesp WESP
142 rohc ROHC
143 ethernet Ethernet
262 mptcp MPTCP
`
