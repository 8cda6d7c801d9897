-- imapfilter side of the latency benchmark: latency.py passes the server,
-- port, user and password in the environment.  After each wake-up
-- from IDLE: find the new UIDs, fetch each new message whole, print its
-- Message-ID.  The driver timestamps the line when it arrives.
options.timeout = 60
options.starttls = true
options.certificates = false    -- only the CA given with -t, no prompts
options.hostnames = true
options.info = false
io.stdout:setvbuf('line')

local acct = IMAP {
	server = os.getenv('BENCH_IMAP_HOST'),
	port = tonumber(os.getenv('BENCH_IMAP_PORT')),
	username = os.getenv('BENCH_PEER_USER'),
	password = os.getenv('BENCH_PEER_PASS'),
}

local function max_uid()
	local m = 0
	for _, r in ipairs(acct.INBOX:select_all()) do
		if r[2] > m then m = r[2] end
	end
	return m
end

local last = max_uid()
print('IDLING')
while true do
	local update = acct.INBOX:enter_idle()
	if not update then
		print('NOIDLE')
		os.exit(1)
	end
	local new = {}
	for _, r in ipairs(acct.INBOX:select_all()) do
		if r[2] > last then new[#new + 1] = r[2] end
	end
	table.sort(new)
	for _, uid in ipairs(new) do
		local msg = acct.INBOX[uid]:fetch_message()
		local id = msg and msg:match('\n[Mm][Ee][Ss][Ss][Aa][Gg][Ee]%-[Ii][Dd]:%s*(<[^>\r\n]+>)')
		print('GOT ' .. (id or ('uid-' .. uid)))
		last = uid
	end
end
