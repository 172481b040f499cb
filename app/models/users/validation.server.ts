// Form schemas shared by the server actions and the browser (conform). Messages are keys of
// the i18n catalogue, translated where they are shown.
import { z } from 'zod'

export const EmailSchema = z
  .string({ error: 'common:errors.required' })
  .trim()
  .toLowerCase()
  .min(1, 'common:errors.required')
  .max(254, 'auth:errors.emailInvalid')
  .pipe(z.email('auth:errors.emailInvalid'))

export const PasswordSchema = z
  .string({ error: 'common:errors.required' })
  .min(12, 'auth:errors.passwordTooShort')
  .max(128, 'auth:errors.passwordTooLong')

export const NameSchema = z
  .string({ error: 'common:errors.required' })
  .trim()
  .min(2, 'auth:errors.nameTooShort')
  .max(100, 'auth:errors.nameTooLong')
  // Control characters have no place in a display name.
  .regex(/^[^\p{Cc}]*$/u, 'common:errors.invalidCharacters')

export const SignUpSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    confirmPassword: z.string({ error: 'common:errors.required' }),
    redirectTo: z.string().optional(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'auth:errors.passwordsDiffer',
  })

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: 'common:errors.required' }).min(1, 'common:errors.required').max(128),
  redirectTo: z.string().optional(),
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = z
  .object({
    token: z.string().regex(/^[a-z2-7]{32}$/, 'auth:errors.resetInvalid'),
    password: PasswordSchema,
    confirmPassword: z.string({ error: 'common:errors.required' }),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'auth:errors.passwordsDiffer',
  })

export const DeleteAccountSchema = z.object({
  confirmEmail: EmailSchema,
})
