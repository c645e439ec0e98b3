-- Neovim's built-in LSP client against `uihook server` (run by run.sh).
--
-- For page.uihook: diagnostics arrive, `Chart` is accepted because of the
-- project's uihook.toml, the preferred code action for `legacy-attribute`
-- is applied and saved, and the diagnostics of the fixed text come back
-- without it. For hook.js: the markup inside the htm template is checked
-- at its place in the JS file, and the did-you-mean action fixes `Buton`.
-- Written for Neovim 0.7 (Debian bookworm) and later.

local bin = assert(os.getenv("UIHOOK_BIN"), "UIHOOK_BIN")
local work = assert(os.getenv("UIHOOK_WORK"), "UIHOOK_WORK")
local WAIT = 30000

-- The outcome goes to a file: Neovim's own messages share standard output.
local function report(text)
  local f = assert(io.open(work .. "/result", "w"))
  f:write(text .. "\n")
  f:close()
end

local function fail(message)
  report("FAILED: " .. message)
  vim.cmd("cquit 1")
end

local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp
  return (lsp and lsp.code) or d.code
end

local function codes(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, code_of(d))
  end
  table.sort(out)
  return table.concat(out, ",")
end

local client_id = vim.lsp.start_client({
  name = "uihook",
  cmd = { bin, "server" },
  root_dir = work,
})
if not client_id then
  fail("the client did not start")
end

-- Opens `name`, attaches the server and waits for diagnostics.
local function open(name)
  vim.cmd("edit " .. work .. "/" .. name)
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local ok = vim.wait(WAIT, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  if not ok then
    fail("no diagnostics arrived for " .. name)
  end
  return buf
end

-- Applies the code action of the diagnostic with `code` whose title
-- matches `pattern`, then saves the buffer.
local function apply_action(buf, code, pattern)
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then
      target = d
    end
  end
  if not target then
    fail("no " .. code .. " diagnostic; got " .. codes(buf))
  end
  local range = {
    start = { line = target.lnum, character = target.col },
    ["end"] = { line = target.end_lnum, character = target.end_col },
  }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = range,
    context = { diagnostics = { { range = range, message = target.message, code = code } } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, WAIT)
  local chosen
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if not chosen and action.title:match(pattern) then
        chosen = action
      end
    end
  end
  if not chosen then
    fail("no code action matching " .. pattern .. " for " .. code .. ": " .. vim.inspect(responses))
  end
  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
  vim.cmd("write")
end

local ok, err = pcall(function()
  local page = open("page.uihook")
  if codes(page) ~= "legacy-attribute" then
    fail("page.uihook: expected only legacy-attribute, got " .. codes(page))
  end
  apply_action(page, "legacy-attribute", "^Replace with")
  local line = vim.api.nvim_buf_get_lines(page, 2, 3, false)[1]
  if line ~= '  <Button type="secondary" action="go">Go</Button>' then
    fail("page.uihook: the fix gave " .. line)
  end
  -- The fixed text is analysed again: nothing is left.
  if not vim.wait(WAIT, function()
    return #vim.diagnostic.get(page) == 0
  end, 20) then
    fail("page.uihook: diagnostics remain after the fix: " .. codes(page))
  end

  local hook = open("hook.js")
  if codes(hook) ~= "unknown-component" then
    fail("hook.js: expected unknown-component, got " .. codes(hook))
  end
  local d = vim.diagnostic.get(hook)[1]
  if d.lnum ~= 4 or d.col ~= 5 then
    fail(("hook.js: the diagnostic is at %d:%d, not in the template's line 4, column 5"):format(d.lnum, d.col))
  end
  apply_action(hook, "unknown-component", "Button")
  if not vim.wait(WAIT, function()
    return #vim.diagnostic.get(hook) == 0
  end, 20) then
    fail("hook.js: diagnostics remain after the fix: " .. codes(hook))
  end
end)
if not ok then
  fail(tostring(err))
end

vim.lsp.stop_client(client_id)
vim.wait(5000, function()
  return vim.lsp.get_client_by_id(client_id) == nil
end, 20)
report("ok")
vim.cmd("qall!")
