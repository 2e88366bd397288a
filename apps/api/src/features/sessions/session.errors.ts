import { ErrorCode } from "@gatehouse/shared";
import { AppError } from "../../errors.js";

// "Not yours" and "does not exist" read the same, so ids cannot be probed.
export const noSuchSession = () =>
  new AppError(ErrorCode.NOT_FOUND, "There is no session with that id among yours.");
